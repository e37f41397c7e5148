package dev.kubeward.checks.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.util.Locale;
import java.util.Map;

@CheckInfo(
        id = "service-loadbalancer-open",
        title = "LoadBalancer Service open to every address",
        severity = Severity.MEDIUM,
        category = "Network exposure",
        description = "A Service of type LoadBalancer has no spec.loadBalancerSourceRanges (nor the "
                + "service.beta.kubernetes.io/load-balancer-source-ranges annotation), or a range is 0.0.0.0/0 or "
                + "::/0. Medium for a load balancer the cloud provider exposes publicly; low when an annotation "
                + "asks for an internal one (AWS, GKE, Azure, OCI), which is open only to the private network.",
        rationale = "Without source ranges the cloud load balancer accepts connections from the whole internet: "
                + "the Service is exposed to scanning, credential stuffing and exploits of whatever it serves.",
        remediation = "Set spec.loadBalancerSourceRanges to the client CIDRs, or make the load balancer internal; "
                + "put public HTTP services behind an Ingress with TLS and authentication.",
        nsaCisa = "Network separation and hardening: network policies",
        mitre = "T1133")
public final class ServiceLoadBalancerOpen implements Check {
    static final String SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges";

    /** Annotations with which cloud providers create a load balancer on the private network only. */
    private static final Map<String, String> INTERNAL = Map.of(
            "service.beta.kubernetes.io/aws-load-balancer-internal", "true",
            "service.beta.kubernetes.io/aws-load-balancer-scheme", "internal",
            "networking.gke.io/load-balancer-type", "internal",
            "cloud.google.com/load-balancer-type", "internal",
            "service.beta.kubernetes.io/azure-load-balancer-internal", "true",
            "service.beta.kubernetes.io/oci-load-balancer-internal", "true");

    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (!Services.isService(r) || !Services.type(r).equals("LoadBalancer")) {
            return;
        }
        Severity severity = isInternal(r) ? Severity.LOW : Severity.MEDIUM;
        String what = "LoadBalancer Service " + r.name() + (severity == Severity.LOW ? " (internal)" : "");
        JsonNode ranges = r.object().path("spec").path("loadBalancerSourceRanges");
        String annotation = r.annotations().get(SOURCE_RANGES_ANNOTATION);
        if (ranges.isArray() && !ranges.isEmpty()) {
            for (int i = 0; i < ranges.size(); i++) {
                if (isEverything(ranges.path(i).asText())) {
                    sink.report(JsonPath.of("spec", "loadBalancerSourceRanges").index(i), severity,
                            what + " allows " + ranges.path(i).asText() + ": every address");
                }
            }
        } else if (annotation != null && !annotation.isBlank()) {
            for (String range : annotation.split(",")) {
                if (isEverything(range)) {
                    sink.report(JsonPath.of("metadata", "annotations").key(SOURCE_RANGES_ANNOTATION), severity,
                            what + " allows " + range.trim() + ": every address");
                    return;
                }
            }
        } else {
            sink.report(JsonPath.of("spec", "type"), severity,
                    what + " sets no loadBalancerSourceRanges: every address may connect");
        }
    }

    private static boolean isEverything(String range) {
        String r = range.trim();
        return r.equals("0.0.0.0/0") || r.equals("::/0");
    }

    private static boolean isInternal(Resource r) {
        Map<String, String> annotations = r.annotations();
        return INTERNAL.entrySet().stream().anyMatch(e -> {
            String v = annotations.get(e.getKey());
            return v != null && v.trim().toLowerCase(Locale.ROOT).equals(e.getValue());
        });
    }
}
