package dev.kubeward.checks.policy;

import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.Config;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.check.Severity;
import dev.kubeward.checks.rbac.RbacScan;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Position;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.AdmissionRequest;
import dev.kubeward.policy.AdmissionResult;
import dev.kubeward.policy.PolicyReader;
import dev.kubeward.policy.PolicySet;
import dev.kubeward.policy.cel.CelVersion;
import dev.kubeward.policy.offline.InventoryContext;
import dev.kubeward.policy.offline.PolicyInput;
import dev.kubeward.policy.offline.RbacAuthorizer;
import dev.kubeward.policy.offline.Requests;
import dev.kubeward.policy.offline.ResourceMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admission policies of the scanned input, run over the scanned objects as CREATE requests
 * by a plain authenticated user: each failed validation is a finding {@code vap:POLICY-NAME} at
 * the object, with the policy's message, at a severity from the binding's validation action
 * (Deny high, Warn medium, Audit low; {@code checks.severity} overrides it). A configuration
 * error, which denies whatever the actions say, is high. A policy the API server would refuse
 * is an input error.
 */
public final class PolicyFindings {
    private PolicyFindings() {}

    public static final String CATEGORY = "Admission policy";

    public record Result(List<Finding> findings, List<CheckMeta> rules, List<InputError> errors) {
        public static final Result EMPTY = new Result(List.of(), List.of(), List.of());
    }

    public static Result run(Inventory inventory, Config config, Scanner scanner) {
        boolean any = inventory.all().stream().anyMatch(r -> PolicyReader.isPolicyKind(r.apiVersion(), r.kind()));
        if (!any) {
            return Result.EMPTY;
        }
        CelVersion version = CelVersion.parse(config.setting("kubernetesVersion", CelVersion.NEWEST.toString()));
        if (version == null) {
            version = CelVersion.NEWEST;
        }
        PolicyInput input = new PolicyInput(inventory.all(), version);
        PolicySet set = input.validatingSet();
        ResourceMapping mapping = new ResourceMapping(inventory.all());
        InventoryContext ctx = new InventoryContext(inventory.all(), mapping, new RbacAuthorizer(RbacScan.of(inventory).model()));
        Map<String, CheckMeta> metas = new LinkedHashMap<>();
        set.policies().forEach(cp -> metas.put(cp.policy().name(), meta(cp.policy().name())));
        List<Finding> findings = inventory.all().parallelStream()
                .filter(r -> !PolicyReader.isPolicyKind(r.apiVersion(), r.kind()) && !r.apiVersion().startsWith("kubeward.dev/"))
                .flatMap(r -> findingsFor(r, set, ctx, mapping, metas, config, scanner).stream())
                .toList();
        return new Result(findings, List.copyOf(metas.values()), input.errors());
    }

    static CheckMeta meta(String policy) {
        return new CheckMeta("vap:" + policy, "ValidatingAdmissionPolicy " + policy, Severity.HIGH, CATEGORY,
                "The team's ValidatingAdmissionPolicy " + policy + ", evaluated as the API server would evaluate it at admission.",
                "A cluster with this policy and binding refuses (Deny), warns about (Warn) or records (Audit) the object.",
                "Change the object so that the policy's validations hold, or the policy if it is wrong.",
                new CheckMeta.Frameworks(List.of(), List.of(), List.of(), List.of()), true);
    }

    private static List<Finding> findingsFor(Resource r, PolicySet set, InventoryContext ctx, ResourceMapping mapping,
            Map<String, CheckMeta> metas, Config config, Scanner scanner) {
        AdmissionRequest req = Requests.of("CREATE", r, null, Requests.DEFAULT_USER, mapping);
        AdmissionResult result = set.admit(req, ctx);
        List<Finding> out = new ArrayList<>();
        Position p = r.locate(JsonPath.ROOT);
        for (AdmissionResult.Decision d : result.decisions()) {
            if (!d.deny()) {
                continue;
            }
            Severity s;
            if (d.configurationError() || d.actions().contains("Deny") || (d.actions().isEmpty() && d.validation() < 0)) {
                s = Severity.HIGH;
            } else if (d.actions().contains("Warn")) {
                s = Severity.MEDIUM;
            } else if (d.actions().contains("Audit")) {
                s = Severity.LOW;
            } else {
                continue;
            }
            CheckMeta meta = metas.computeIfAbsent(d.policy(), PolicyFindings::meta);
            String message = d.message() + (d.binding() == null ? "" : " (binding " + d.binding() + ")");
            Finding f = new Finding(meta, config.severityOf(meta, s), message, r.ref(), r.origin().file(),
                    r.origin().document(), p.line(), p.column(), JsonPath.ROOT, null);
            out.add(scanner.exempt(f, r));
        }
        return out;
    }
}
