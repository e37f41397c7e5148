package dev.kubeward.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.model.Container;
import dev.kubeward.model.ContainerType;
import dev.kubeward.model.Field;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.AdmissionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The patches of {@code /mutate}: secure defaults added where a pod template leaves them out, never
 * over a value that is written (an explicit {@code allowPrivilegeEscalation: true} stays, and is
 * {@code /validate}'s business). Each default is tied to the check that reports its absence, so a
 * check that is disabled, or exempted by the configuration or the object's own
 * {@code kubeward.dev/ignore} annotation, is not patched either:
 *
 * <ul>
 *   <li>{@code seccompProfile: {type: RuntimeDefault}} in the pod's securityContext, when a container
 *       has no profile in effect (seccomp-unconfined) and the pod has no profile and no legacy seccomp
 *       annotation (container-level profiles still win over it);</li>
 *   <li>{@code allowPrivilegeEscalation: false} in a container's securityContext
 *       (privilege-escalation-allowed), except for a privileged container or one adding
 *       CAP_SYS_ADMIN, which the API server would then refuse (validation.go: "cannot set
 *       allowPrivilegeEscalation to false and privileged to true");</li>
 *   <li>{@code capabilities.drop: [ALL]} where a container drops nothing (capabilities-not-dropped);
 *       a drop list without ALL is an explicit value and is left;</li>
 *   <li>{@code runAsNonRoot: true} in a container's securityContext where a non-zero numeric
 *       {@code runAsUser} is in effect (the container's or the pod's) and neither sets runAsNonRoot:
 *       the kubelet then verifies the user it would have run anyway. The image's own USER cannot be
 *       read at admission (no registry call per request), so a pod that gives no numeric user is not
 *       patched: runAsNonRoot on an image that runs as root would stop it from starting.</li>
 * </ul>
 *
 * Windows pods ({@code spec.os.name: windows}) are left alone (the API server refuses these Linux
 * fields on them), as are static pods, ephemeral containers and Pod updates (a pod's
 * securityContext cannot change after creation). A patch applied and reviewed again gives no
 * patch. Immutable and thread-safe.
 */
public final class Mutator {
    static final String SECCOMP = "seccomp-unconfined";
    static final String ESCALATION = "privilege-escalation-allowed";
    static final String CAPABILITIES = "capabilities-not-dropped";
    static final String RUN_AS_ROOT = "run-as-root";
    static final Set<String> CHECKS = Set.of(SECCOMP, ESCALATION, CAPABILITIES, RUN_AS_ROOT);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The JSON Patch operations and one warning per default added. */
    public record Mutation(List<JsonNode> patch, List<String> warnings) {
        public boolean isEmpty() {
            return patch.isEmpty();
        }
    }

    static final Mutation NONE = new Mutation(List.of(), List.of());

    private final Scanner scanner;
    private final Config config;
    private final boolean runAsRootEnabled;

    Mutator(CheckRegistry registry, Config config) {
        CheckRegistry mutating = registry.only(m -> CHECKS.contains(m.id()));
        this.scanner = new Scanner(mutating, config).sequential();
        this.config = config;
        this.runAsRootEnabled = scanner.enabledChecks().stream().anyMatch(e -> e.meta().id().equals(RUN_AS_ROOT));
    }

    /** The patch for a request that is not exempt; {@link #NONE} for requests that are not mutated. */
    Mutation mutate(AdmissionRequest req) {
        boolean create = req.operation().equals("CREATE");
        boolean update = req.operation().equals("UPDATE");
        if (!(create || update) || !req.subResource().isEmpty() || req.object() == null || !req.object().isObject()) {
            return NONE;
        }
        if (update && req.kind().group().isEmpty() && req.kind().kind().equals("Pod")) {
            return NONE;
        }
        Resource subject = AdmissionEngine.resource(req, req.object());
        Inventory inventory = new Inventory(List.of(subject), config.workloadKinds());
        List<Finding> findings = new ArrayList<>();
        for (Finding f : scanner.scan(inventory, List.of(subject))) {
            if (!f.suppressed() && subject.ref().equals(f.resource())) {
                findings.add(f);
            }
        }
        List<JsonNode> ops = new ArrayList<>();
        Warnings warnings = new Warnings();
        for (PodTemplate pod : inventory.podTemplates(subject)) {
            if (pod.isStatic() || pod.isWindows() || !pod.spec().isObject()) {
                continue;
            }
            boolean seccompWanted = false;
            for (Container c : pod.containers()) {
                if (c.type() == ContainerType.EPHEMERAL) {
                    continue;
                }
                if (has(findings, SECCOMP, c.path(), true)) {
                    seccompWanted = true;
                }
                containerDefaults(c, findings, ops, warnings);
            }
            if (seccompWanted && !pod.podSecurity("seccompProfile").present()
                    && !pod.annotations().containsKey("seccomp.security.alpha.kubernetes.io/pod")) {
                JsonNode psc = pod.podSecurityContext();
                JsonPath pscPath = pod.specPath().key("securityContext");
                ObjectNode profile = JSON.objectNode().put("type", "RuntimeDefault");
                if (psc.isMissingNode() || psc.isNull()) {
                    ops.add(op(pscPath, JSON.objectNode().set("seccompProfile", profile)));
                    warnings.add(message(pscPath.key("seccompProfile"), profile));
                } else if (psc.isObject()) {
                    ops.add(op(pscPath.key("seccompProfile"), profile));
                    warnings.add(message(pscPath.key("seccompProfile"), profile));
                }
            }
        }
        return ops.isEmpty() ? NONE : new Mutation(List.copyOf(ops), warnings.list());
    }

    private void containerDefaults(Container c, List<Finding> findings, List<JsonNode> ops, Warnings warnings) {
        JsonNode sc = c.securityContext();
        boolean absent = sc.isMissingNode() || sc.isNull();
        if (!absent && !sc.isObject()) {
            return; // not a securityContext the API server would accept: /validate's business
        }
        JsonPath scPath = c.securityContextPath();
        ObjectNode whole = JSON.objectNode();
        if (!Json.isTrue(sc.get("privileged")) && !addsSysAdmin(sc) && !c.ownSecurity("allowPrivilegeEscalation").present()
                && has(findings, ESCALATION, c.path(), false)) {
            whole.put("allowPrivilegeEscalation", false);
        }
        Field caps = c.ownSecurity("capabilities");
        boolean capsObject = caps.present() && caps.value().isObject();
        if ((!caps.present() || capsObject) && !(capsObject && present(caps.value().get("drop")))
                && has(findings, CAPABILITIES, c.path(), false)) {
            ArrayNode all = JSON.arrayNode().add("ALL");
            if (capsObject) {
                JsonPath drop = scPath.key("capabilities").key("drop");
                ops.add(op(drop, all));
                warnings.add(message(drop, all));
            } else {
                whole.set("capabilities", JSON.objectNode().set("drop", all));
            }
        }
        if (runAsRootEnabled && !c.effectiveSecurity("runAsNonRoot").present()) {
            OptionalLong uid = Json.integer(c.effectiveSecurity("runAsUser").value());
            if (uid.isPresent() && uid.getAsLong() > 0 && !runAsRootExempt(c)) {
                whole.put("runAsNonRoot", true);
            }
        }
        if (whole.isEmpty()) {
            return;
        }
        if (absent) {
            ops.add(op(scPath, whole));
        }
        whole.fields().forEachRemaining(e -> {
            if (!absent) {
                ops.add(op(scPath.key(e.getKey()), e.getValue()));
            }
            warnings.add(message(scPath.key(e.getKey()), e.getValue()));
        });
    }

    /**
     * Whether run-as-root is exempted for this container: the check is silent on a container with a
     * non-zero user, so its exemptions are read by scanning the pod as if the user were not set.
     */
    private boolean runAsRootExempt(Container c) {
        Resource owner = c.pod().owner();
        JsonNode copy = owner.object().deepCopy();
        remove(copy, c.securityContextPath().key("runAsUser"));
        remove(copy, c.pod().specPath().key("securityContext").key("runAsUser"));
        Resource probe = new Resource(owner.apiVersion(), owner.kind(), owner.namespace(), owner.name(), copy, owner.origin(),
                List.of());
        Inventory inv = new Inventory(List.of(probe), config.workloadKinds());
        for (Finding f : scanner.scan(inv, List.of(probe))) {
            if (f.checkId().equals(RUN_AS_ROOT) && f.path() != null && startsWith(f.path(), c.path())) {
                return f.suppressed();
            }
        }
        return true; // not reported even without the user: nothing to add
    }

    private static void remove(JsonNode root, JsonPath path) {
        JsonNode parent = root;
        List<Object> segs = path.segments();
        for (int i = 0; i < segs.size() - 1 && parent != null; i++) {
            Object s = segs.get(i);
            parent = s instanceof Integer n ? parent.get(n) : parent.get((String) s);
        }
        if (parent instanceof ObjectNode o) {
            o.remove((String) segs.get(segs.size() - 1));
        }
    }

    private static boolean present(JsonNode n) {
        return n != null && !n.isNull() && !n.isMissingNode();
    }

    /** validation.go: allowPrivilegeEscalation false with capabilities.add CAP_SYS_ADMIN is refused. */
    private static boolean addsSysAdmin(JsonNode sc) {
        JsonNode add = sc.path("capabilities").path("add");
        for (JsonNode a : add) {
            if (a.isTextual()) {
                String cap = a.textValue().toUpperCase(java.util.Locale.ROOT);
                if (cap.equals("SYS_ADMIN") || cap.equals("CAP_SYS_ADMIN")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the check reports the container (exactly at its path when {@code exact}: the field is missing). */
    private static boolean has(List<Finding> findings, String check, JsonPath container, boolean exact) {
        for (Finding f : findings) {
            if (f.checkId().equals(check) && f.path() != null
                    && (exact ? f.path().equals(container) : startsWith(f.path(), container))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(JsonPath path, JsonPath prefix) {
        for (JsonPath p = path; p != null; p = p.isRoot() ? null : p.parent()) {
            if (p.equals(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The warning of one default: the field as the checks name it and the value, in JSON. */
    private static String message(JsonPath field, JsonNode value) {
        return "kubeward: set " + field + " to " + value;
    }

    private static ObjectNode op(JsonPath path, JsonNode value) {
        ObjectNode op = JSON.objectNode();
        op.put("op", "add");
        op.put("path", pointer(path));
        op.set("value", value);
        return op;
    }

    /** RFC 6901: each segment after a slash, ~ as ~0 and / as ~1. */
    static String pointer(JsonPath path) {
        StringBuilder b = new StringBuilder();
        for (Object s : path.segments()) {
            b.append('/');
            b.append(s instanceof Integer ? s.toString() : ((String) s).replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }
}
