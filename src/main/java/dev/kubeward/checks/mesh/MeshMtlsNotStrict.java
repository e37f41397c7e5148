package dev.kubeward.checks.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

@CheckInfo(
        id = "mesh-mtls-not-strict",
        title = "Istio mutual TLS not strict",
        severity = Severity.MEDIUM,
        category = "Service mesh",
        description = "Istio accepts or sends plain text: a PeerAuthentication sets mtls.mode (or a portLevelMtls "
                + "entry) to PERMISSIVE (medium) or DISABLE (high); the mesh-wide PeerAuthentication (in the root "
                + "namespace istio-system, without selector) leaves the mode unset, which means PERMISSIVE; no "
                + "mesh-wide STRICT PeerAuthentication exists although the input has Istio objects (reported on the "
                + "first of them); or a DestinationRule sets tls.mode DISABLE in its traffic policy, a port-level "
                + "setting or a subset (medium: sometimes meant for a plain-text external host).",
        rationale = "Under PERMISSIVE or DISABLE, workloads accept connections without a client certificate: pods "
                + "outside the mesh reach them unauthenticated, identity-based AuthorizationPolicies can be "
                + "bypassed, and traffic can be read or altered on the wire.",
        remediation = "Apply a PeerAuthentication named default in istio-system with mtls.mode: STRICT, remove "
                + "PERMISSIVE and DISABLE overrides once all clients have sidecars, and use ISTIO_MUTUAL (or leave "
                + "tls unset) in DestinationRules for in-mesh hosts.",
        nsaCisa = "Network separation and hardening: network policies",
        mitre = {"T1557", "T1040"})
public final class MeshMtlsNotStrict implements Check {
    private static final Object FIRST_ISTIO_OBJECT = new Object();

    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (!Mesh.isIstio(r)) {
            return;
        }
        if (r.kind().equals("PeerAuthentication") && r.group().equals("security.istio.io")) {
            checkPeerAuthentication(r, sink);
        } else if (r.kind().equals("DestinationRule") && r.group().equals("networking.istio.io")) {
            checkDestinationRule(r, sink);
        }
        // A mesh-wide policy that is not STRICT reports itself above; only its absence is reported here.
        if (firstIstioObject(context.inventory()).orElse(null) == r && !hasMeshWidePolicy(context.inventory())) {
            sink.report(JsonPath.of("metadata", "name"), "the input has Istio objects but no mesh-wide STRICT "
                    + "PeerAuthentication (namespace " + Mesh.ISTIO_ROOT_NAMESPACE + ", no selector): workloads "
                    + "accept plain text by default (PERMISSIVE)");
        }
    }

    private static Optional<Resource> firstIstioObject(Inventory inventory) {
        return inventory.derived(FIRST_ISTIO_OBJECT, inv -> inv.all().stream().filter(Mesh::isIstio).findFirst());
    }

    private static boolean hasMeshWidePolicy(Inventory inventory) {
        return inventory.ofKind("PeerAuthentication").stream().anyMatch(MeshMtlsNotStrict::isMeshWide);
    }

    /** A PeerAuthentication of the root namespace without a workload selector applies to the whole mesh. */
    private static boolean isMeshWide(Resource r) {
        if (!r.kind().equals("PeerAuthentication") || !r.group().equals("security.istio.io")
                || !Mesh.ISTIO_ROOT_NAMESPACE.equals(r.namespace())) {
            return false;
        }
        JsonNode selector = r.object().path("spec").path("selector");
        return selector.path("matchLabels").isEmpty();
    }

    private static void checkPeerAuthentication(Resource r, FindingSink sink) {
        JsonNode spec = r.object().path("spec");
        String name = "PeerAuthentication " + r.namespace() + "/" + r.name();
        String mode = mode(spec.path("mtls"));
        JsonPath modePath = JsonPath.of("spec", "mtls", "mode");
        if (mode != null && !mode.equals("UNSET")) {
            reportMode(sink, modePath, mode, name);
        } else if (isMeshWide(r)) {
            sink.report(modePath, name + " is mesh-wide and leaves mtls.mode unset, which Istio treats as PERMISSIVE");
        }
        JsonNode ports = spec.path("portLevelMtls");
        for (Iterator<Map.Entry<String, JsonNode>> it = ports.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> port = it.next();
            reportMode(sink, JsonPath.of("spec", "portLevelMtls", port.getKey(), "mode"), mode(port.getValue()),
                    name + " port " + port.getKey());
        }
    }

    private static void reportMode(FindingSink sink, JsonPath path, String mode, String what) {
        if ("DISABLE".equals(mode)) {
            sink.report(path, Severity.HIGH, what + " disables mutual TLS: plain text only");
        } else if ("PERMISSIVE".equals(mode)) {
            sink.report(path, Severity.MEDIUM, what + " is PERMISSIVE: plain-text connections are accepted");
        }
    }

    private static void checkDestinationRule(Resource r, FindingSink sink) {
        JsonNode spec = r.object().path("spec");
        String name = "DestinationRule " + r.namespace() + "/" + r.name();
        checkTrafficPolicy(spec.path("trafficPolicy"), JsonPath.of("spec", "trafficPolicy"), name, sink);
        JsonNode subsets = spec.path("subsets");
        for (int i = 0; i < subsets.size(); i++) {
            checkTrafficPolicy(subsets.path(i).path("trafficPolicy"),
                    JsonPath.of("spec", "subsets").index(i).key("trafficPolicy"),
                    name + " subset " + Json.text(subsets.path(i).get("name")), sink);
        }
    }

    private static void checkTrafficPolicy(JsonNode policy, JsonPath at, String what, FindingSink sink) {
        if ("DISABLE".equals(mode(policy.path("tls")))) {
            sink.report(at.key("tls").key("mode"), what + " sends plain text to its host (tls.mode: DISABLE)");
        }
        JsonNode ports = policy.path("portLevelSettings");
        for (int i = 0; i < ports.size(); i++) {
            if ("DISABLE".equals(mode(ports.path(i).path("tls")))) {
                sink.report(at.key("portLevelSettings").index(i).key("tls").key("mode"), what + " port "
                        + ports.path(i).path("port").path("number").asText("?") + " sends plain text (tls.mode: DISABLE)");
            }
        }
    }

    private static String mode(JsonNode holder) {
        String mode = Json.text(holder.get("mode"));
        return mode == null || mode.isEmpty() ? null : mode;
    }
}
