package dev.kubeward.checks.policy;

import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.Config;
import dev.kubeward.check.Scanner;
import dev.kubeward.check.Severity;
import dev.kubeward.checks.rbac.RbacScan;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
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

    /**
     * The policies of an inventory, compiled, ready to report on its objects: the rules (one per
     * policy) for the report, the input errors, and the per-object findings for the Scanner.
     */
    public record Prepared(List<CheckMeta> rules, List<InputError> errors, Scanner.ObjectFindings findings) {
        public static final Prepared NONE = new Prepared(List.of(), List.of(), null);
    }

    public static Prepared prepare(Inventory inventory, Config config) {
        boolean any = inventory.all().stream().anyMatch(r -> PolicyReader.isPolicyKind(r.apiVersion(), r.kind()));
        if (!any) {
            return Prepared.NONE;
        }
        CelVersion version = CelVersion.parse(config.setting("kubernetesVersion", CelVersion.NEWEST.toString()));
        if (version == null) {
            version = CelVersion.NEWEST;
        }
        PolicyInput input = new PolicyInput(inventory.all(), version);
        PolicySet set = input.validatingSet();
        ResourceMapping mapping = new ResourceMapping(inventory.all());
        InventoryContext ctx = new InventoryContext(inventory.all(), mapping, new RbacAuthorizer(RbacScan.of(inventory).model()));
        Map<String, CheckMeta> metas = new java.util.concurrent.ConcurrentHashMap<>();
        List<CheckMeta> rules = new ArrayList<>();
        set.policies().forEach(cp -> {
            CheckMeta m = meta(cp.policy().name());
            metas.put(cp.policy().name(), m);
            rules.add(m);
        });
        Scanner.ObjectFindings findings = (r, sink) -> {
            if (PolicyReader.isPolicyKind(r.apiVersion(), r.kind()) || r.apiVersion().startsWith("kubeward.dev/")) {
                return;
            }
            report(r, set, ctx, mapping, metas, sink);
        };
        return new Prepared(List.copyOf(rules), input.errors(), findings);
    }

    static CheckMeta meta(String policy) {
        return new CheckMeta("vap:" + policy, "ValidatingAdmissionPolicy " + policy, Severity.HIGH, CATEGORY,
                "The team's ValidatingAdmissionPolicy " + policy + ", evaluated as the API server would evaluate it at admission.",
                "A cluster with this policy and binding refuses (Deny), warns about (Warn) or records (Audit) the object.",
                "Change the object so that the policy's validations hold, or the policy if it is wrong.",
                new CheckMeta.Frameworks(List.of(), List.of(), List.of(), List.of()), true);
    }

    private static void report(Resource r, PolicySet set, InventoryContext ctx, ResourceMapping mapping,
            Map<String, CheckMeta> metas, Scanner.ObjectSink sink) {
        AdmissionRequest req = Requests.of("CREATE", r, null, Requests.DEFAULT_USER, mapping);
        AdmissionResult result = set.admit(req, ctx);
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
            sink.report(meta, JsonPath.ROOT, s, message);
        }
    }
}
