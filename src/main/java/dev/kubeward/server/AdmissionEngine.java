package dev.kubeward.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.AdmissionModes;
import dev.kubeward.check.AdmissionModes.Mode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.ObjectRef;
import dev.kubeward.model.Origin;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.AdmissionRequest;
import dev.kubeward.policy.AdmissionResult;
import dev.kubeward.policy.PolicyContext;
import dev.kubeward.policy.PolicySet;
import dev.kubeward.pss.Level;
import dev.kubeward.pss.PssEvaluator;
import dev.kubeward.pss.PssVersion;
import dev.kubeward.pss.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What {@code kubeward serve} answers for one admission request, from the same engines as
 * {@code scan}: the checks (over the object alone: {@link #CLUSTER_DEPENDENT} checks, which need
 * the rest of the cluster, are left out), the Pod Security Standards at the configured level and
 * version, and the team's ValidatingAdmissionPolicies (as the API server's plugin evaluates them).
 * Each violation gets a mode from {@link AdmissionModes}: enforce denies, warn adds a warning,
 * audit an audit annotation.
 *
 * <p>On UPDATE the old object is evaluated too, and a check or Pod Security violation it already
 * had is a warning rather than a denial, so that enforcement can be turned on without freezing
 * existing workloads. CEL policies see {@code oldObject} themselves and decide as on the API server.
 * Immutable and thread-safe.
 */
public final class AdmissionEngine {

    /**
     * Checks that need other objects of the cluster (namespaces and their labels, LimitRanges,
     * NetworkPolicies, ServiceAccounts, RBAC roles, mesh policies): at admission kubeward sees the
     * object alone, so these would report what the cluster may well have; they run in {@code scan}
     * and the cluster scan instead. {@code AdmissionEngineTest} proves that every other check
     * reports the same on an object alone as among the bundled examples.
     */
    public static final Set<String> CLUSTER_DEPENDENT = Set.of(
            "netpol-allow-all-ingress", "netpol-dns-egress-blocked", "netpol-egress-internet", "netpol-named-port-unresolved",
            "netpol-namespace-no-default-deny-egress", "netpol-namespace-no-default-deny-ingress", "netpol-selects-nothing",
            "netpol-workload-unisolated",
            "namespace-limitrange-missing", "namespace-quota-missing",
            "cpu-limit-missing", "cpu-request-missing", "memory-limit-missing", "memory-request-missing",
            "mesh-injection-disabled", "mesh-mtls-not-strict",
            "service-account-token-automount",
            "pss-admission-rejected",
            "rbac-dangling-binding", "rbac-escalation-path", "rbac-default-sa-bound", "rbac-token-secret-mint",
            "api-version-deprecated", "api-version-removed",
            "vap-binding-without-policy", "exemption-unused");

    /**
     * The checks of {@link #CLUSTER_DEPENDENT} that the cluster cache answers ({@code ClusterCache}:
     * Namespaces, ServiceAccounts, LimitRanges), when {@code serve} keeps one: each looks up the
     * object's namespace, service account or the namespace's LimitRanges, and nothing else.
     */
    public static final Set<String> CACHE_ANSWERED = Set.of(
            "pss-admission-rejected", "service-account-token-automount",
            "cpu-limit-missing", "cpu-request-missing", "memory-limit-missing", "memory-request-missing");

    /**
     * Checks of objects the API server refuses to decode or validate: it runs a validating webhook
     * only after its own validation of the object (mutating admission, then schema validation,
     * then validating admission), so at {@code /validate} they could never report, and would only
     * cost each review (the NetworkPolicy model, the API's Go types). {@code unknown-field} too: the
     * API server's decoding has refused (strict) or dropped an unknown field before any webhook sees
     * the object. {@code scan} runs them.
     */
    public static final Set<String> VALIDATED_BEFORE = Set.of("netpol-invalid", "workload-invalid", "unknown-field");

    /** Where a violation came from. */
    public enum Source { CHECK, PSS, POLICY }

    /**
     * One violation and what is done with it.
     *
     * @param id the check id, {@code pss:LEVEL} or {@code vap:POLICY}
     * @param path the offending field in the object, or null
     * @param existing true on UPDATE when the old object had it too (so it only warns)
     */
    public record Violation(Source source, String id, String severity, String message, String path, Set<Mode> modes,
            boolean existing) {}

    /** The decision for one request, before it is written as an AdmissionReview response. */
    public record Decision(boolean allowed, String message, List<Violation> violations, List<String> warnings,
            Map<String, String> auditAnnotations, String exemption) {

        public boolean denied() {
            return !allowed;
        }
    }

    private final Config config;
    private final AdmissionModes modes;
    private final Scanner scanner;
    /** The scanner with the {@link #CACHE_ANSWERED} checks too, for reviews with a cluster cache; else null. */
    private final Scanner clusterScanner;
    private final Supplier<Inventory> cluster;
    private final PolicySet policies;
    private final PolicyContext policyContext;
    private final Level pssLevel;
    private final PssVersion pssVersion;
    private final Mutator mutator;

    public AdmissionEngine(CheckRegistry registry, Config config, PolicySet policies, PolicyContext policyContext) {
        this(registry, config, policies, policyContext, null);
    }

    /**
     * @param cluster the cluster cache's objects now (never a call to the API server), or null
     *     when {@code serve} keeps no cache; a supplier that answers null (not synced yet) leaves
     *     the {@link #CACHE_ANSWERED} checks out of that review, and CEL policies get the
     *     Namespaces of POLICY-DIRS
     */
    public AdmissionEngine(CheckRegistry registry, Config config, PolicySet policies, PolicyContext policyContext,
            Supplier<Inventory> cluster) {
        this.config = config;
        this.modes = config.admission();
        CheckRegistry admissible = registry.only(m -> !CLUSTER_DEPENDENT.contains(m.id()) && !VALIDATED_BEFORE.contains(m.id()));
        this.scanner = new Scanner(admissible, config).sequential();
        this.cluster = cluster;
        this.clusterScanner = cluster == null ? null : new Scanner(registry.only(m -> !VALIDATED_BEFORE.contains(m.id())
                && (!CLUSTER_DEPENDENT.contains(m.id()) || CACHE_ANSWERED.contains(m.id()))), config).sequential();
        this.policies = policies;
        this.policyContext = cluster == null || policyContext == null ? policyContext
                : new ClusterPolicyContext(policyContext, cluster);
        this.pssLevel = Level.parse(modes.pssLevel());
        this.pssVersion = PssVersion.parse(modes.pssVersion());
        this.mutator = modes.mutate() ? new Mutator(registry, config) : null;
    }

    /**
     * Answers image-signature-required from what {@code status} knows (kubeward serve's cache, verified in
     * the background; a review never waits for a registry). Returns this engine.
     */
    public AdmissionEngine signatures(dev.kubeward.check.SignatureStatus status) {
        scanner.signatures(status);
        if (clusterScanner != null) {
            clusterScanner.signatures(status);
        }
        return this;
    }

    /** Whether {@code /mutate} patches ({@code admission.mutate: true}); else it allows without a patch. */
    public boolean mutating() {
        return mutator != null;
    }

    /**
     * The secure defaults {@code /mutate} adds to the request's object ({@link Mutator}); none when
     * mutation is off or the request is exempt (the exemption is then the second value).
     */
    public Mutated mutate(AdmissionRequest req) {
        String exempt = modes.exemption(req.namespace(), req.userInfo().username(), req.userInfo().groups());
        if (exempt != null) {
            return new Mutated(Mutator.NONE, exempt);
        }
        return new Mutated(mutator == null ? Mutator.NONE : mutator.mutate(req), null);
    }

    /** What {@link #mutate} answers: the patch, and the exemption that left it out, or null. */
    public record Mutated(Mutator.Mutation mutation, String exemption) {}

    public AdmissionModes modes() {
        return modes;
    }

    /** The checks run at admission (with the cluster cache's once it has synced, when there is one). */
    public List<CheckRegistry.Entry> checks() {
        return (clusterScanner != null ? clusterScanner : scanner).enabledChecks();
    }

    public PolicySet policies() {
        return policies;
    }

    public Decision decide(AdmissionRequest req) {
        String exempt = modes.exemption(req.namespace(), req.userInfo().username(), req.userInfo().groups());
        if (exempt != null) {
            return new Decision(true, null, List.of(), List.of(), Map.of("exempt", exempt), exempt);
        }
        List<Violation> violations = new ArrayList<>();
        boolean objectRequest = (req.operation().equals("CREATE") || req.operation().equals("UPDATE"))
                && (req.subResource().isEmpty() || req.subResource().equals("ephemeralcontainers"))
                && req.object() != null;
        if (objectRequest) {
            Inventory context = cluster == null ? null : cluster.get();
            List<Violation> now = objectViolations(req, req.object(), context);
            if (req.operation().equals("UPDATE") && req.oldObject() != null && !now.isEmpty()) {
                Set<String> before = new HashSet<>();
                for (Violation v : objectViolations(req, req.oldObject(), context)) {
                    before.add(key(v));
                }
                for (Violation v : now) {
                    violations.add(before.contains(key(v)) ? new Violation(v.source(), v.id(), v.severity(), v.message(), v.path(),
                            v.modes(), true) : v);
                }
            } else {
                violations.addAll(now);
            }
        }
        Map<String, String> audit = new LinkedHashMap<>();
        if (policies != null && !policies.policies().isEmpty()) {
            policyViolations(req, violations, audit);
        }
        return compose(violations, audit);
    }

    private static String key(Violation v) {
        return v.id() + "\u0000" + v.path() + "\u0000" + v.message();
    }

    /**
     * The checks and Pod Security Standards on one object; with {@code context} (the cluster
     * cache), the object lies over it and the {@link #CACHE_ANSWERED} checks run too.
     */
    private List<Violation> objectViolations(AdmissionRequest req, JsonNode object, Inventory context) {
        Resource subject = resource(req, object);
        List<Violation> out = new ArrayList<>();
        Inventory inventory = context == null ? new Inventory(List.of(subject), config.workloadKinds())
                : Inventory.over(context, List.of(subject), config.workloadKinds());
        ObjectRef ref = subject.ref();
        for (Finding f : (context == null ? scanner : clusterScanner).scan(inventory, List.of(subject))) {
            if (f.suppressed() || !ref.equals(f.resource())) {
                continue;
            }
            Mode mode = modes.modeOf(f.check(), f.severity());
            if (mode == Mode.OFF) {
                continue;
            }
            if (mode == Mode.ENFORCE && dev.kubeward.checks.image.ImageSignatureRequired.pending(f)) {
                // Not known to be unsigned, only not read yet: said, never denied.
                mode = Mode.WARN;
            }
            out.add(new Violation(Source.CHECK, f.checkId(), f.severity().label(), f.message(),
                    f.path() == null || f.path().isRoot() ? null : f.path().toString(), Set.of(mode), false));
        }
        Mode pssMode = modes.pssMode();
        if (pssMode != Mode.OFF && pssLevel != Level.PRIVILEGED) {
            for (PodTemplate pod : inventory.podTemplates(subject)) {
                if (pod.isStatic()) {
                    continue;
                }
                Verdict verdict = PssEvaluator.standard().evaluate(pssLevel, pssVersion, pod);
                for (dev.kubeward.pss.Violation v : verdict.violations()) {
                    out.add(new Violation(Source.PSS, "pss:" + pssLevel.label(), "high",
                            v.control() + ": " + v.reason() + " (" + v.detail() + ")",
                            v.paths().isEmpty() ? pod.specPath().toString() : v.paths().get(0), Set.of(pssMode), false));
                }
            }
        }
        return out;
    }

    /** The object as a resource of the model, in the request's namespace (as the API server sets it before admission). */
    static Resource resource(AdmissionRequest req, JsonNode object) {
        JsonNode o = object;
        String ns = req.namespace().isEmpty() ? null : req.namespace();
        if (ns != null && o.path("metadata").isObject() && !o.path("metadata").hasNonNull("namespace")
                && !(req.kind().kind().equals("Namespace") && req.kind().group().isEmpty())) {
            ObjectNode copy = o.deepCopy();
            ((ObjectNode) copy.get("metadata")).put("namespace", ns);
            o = copy;
        }
        String apiVersion = o.path("apiVersion").asText(req.kind().apiVersion());
        String kind = o.path("kind").asText(req.kind().kind());
        String name = o.path("metadata").path("name").asText(null);
        if (name == null || name.isEmpty()) {
            name = !req.name().isEmpty() ? req.name() : o.path("metadata").path("generateName").asText("");
        }
        String namespace = o.path("metadata").path("namespace").asText(null);
        return new Resource(apiVersion, kind, namespace, name, o, new Origin("admission request", 0, null), List.of());
    }

    /** Every failed validation of the CEL policies, by the policy's mode (configured, else its validationActions). */
    private void policyViolations(AdmissionRequest req, List<Violation> out, Map<String, String> audit) {
        AdmissionResult result = policies.admit(req, policyContext);
        Set<String> seen = new HashSet<>();
        for (AdmissionResult.Decision d : result.decisions()) {
            if (!d.deny()) {
                continue;
            }
            Set<Mode> m = new java.util.LinkedHashSet<>();
            Mode configured = modes.policyMode(d.policy());
            if (d.configurationError()) {
                // A policy the API server cannot apply denies whatever its actions say (dispatcher.go).
                m.add(Mode.ENFORCE);
            } else if (configured != null) {
                if (configured == Mode.OFF) {
                    continue;
                }
                m.add(configured);
            } else {
                for (String action : d.actions()) {
                    m.add(switch (action) {
                        case "Deny" -> Mode.ENFORCE;
                        case "Warn" -> Mode.WARN;
                        default -> Mode.AUDIT;
                    });
                }
            }
            if (m.isEmpty()) {
                continue;
            }
            String message = d.binding() == null ? d.message() : d.message() + " (binding " + d.binding() + ")";
            Violation v = new Violation(Source.POLICY, "vap:" + d.policy(), null, message, null, Set.copyOf(m), false);
            if (seen.add(key(v))) {
                out.add(v);
            }
        }
        for (Map.Entry<String, String> e : result.auditAnnotations().entrySet()) {
            if (e.getKey().equals("validation.policy.admission.k8s.io/validation_failure")) {
                continue; // said through the violations
            }
            audit.put(AdmissionReview.auditKey("vap." + e.getKey()), e.getValue());
        }
    }

    private static final int MAX_MESSAGE_VIOLATIONS = 20;

    private Decision compose(List<Violation> violations, Map<String, String> audit) {
        List<Violation> denying = new ArrayList<>();
        Warnings warnings = new Warnings();
        List<String> audited = new ArrayList<>();
        for (Violation v : violations) {
            for (Mode m : v.modes()) {
                switch (m) {
                    case ENFORCE -> {
                        if (v.existing()) {
                            warnings.add(describe(v) + " (already in the current object, so not denied)");
                        } else {
                            denying.add(v);
                        }
                    }
                    case WARN -> warnings.add(describe(v));
                    case AUDIT -> audited.add(describe(v));
                    default -> { }
                }
            }
        }
        if (!audited.isEmpty()) {
            audit.put("audit-violations", limit(String.join("; ", audited), 10 * 1024));
        }
        if (denying.isEmpty()) {
            return new Decision(true, null, List.copyOf(violations), warnings.list(), Map.copyOf(audit), null);
        }
        StringBuilder msg = new StringBuilder("kubeward: ");
        msg.append(denying.size() == 1 ? "1 violation" : denying.size() + " violations");
        msg.append(": ");
        for (int i = 0; i < denying.size() && i < MAX_MESSAGE_VIOLATIONS; i++) {
            if (i > 0) {
                msg.append("; ");
            }
            msg.append(describe(denying.get(i)));
        }
        if (denying.size() > MAX_MESSAGE_VIOLATIONS) {
            msg.append("; and ").append(denying.size() - MAX_MESSAGE_VIOLATIONS).append(" more");
        }
        audit.put("denied-by", limit(String.join(",", denying.stream().map(Violation::id).distinct().toList()), 4096));
        return new Decision(false, msg.toString(), List.copyOf(violations), warnings.list(), Map.copyOf(audit), null);
    }

    static String describe(Violation v) {
        return "[" + v.id() + "] " + v.message() + (v.path() == null ? "" : " (" + v.path() + ")");
    }

    private static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The JSON path of a violation, for tests and reporters. */
    static JsonPath path(Violation v) {
        return v.path() == null ? JsonPath.ROOT : JsonPath.parse(v.path());
    }
}
