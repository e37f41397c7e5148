package dev.kubeward.checks.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
        id = "ingress-tls-missing",
        title = "Ingress serves plain HTTP",
        severity = Severity.MEDIUM,
        category = "Network exposure",
        description = "An Ingress has no spec.tls, or a rule's host is covered by no spec.tls entry (a wildcard "
                + "*.example.com covers one label, a tls entry without hosts covers every host).",
        rationale = "Without TLS, credentials, session cookies and data cross the network in clear text and can be "
                + "read or altered by anyone on the path.",
        remediation = "Add a spec.tls entry listing the rule's hosts and a secretName (cert-manager can issue and "
                + "renew the certificate), and redirect HTTP to HTTPS in the ingress controller.",
        nsaCisa = "Network separation and hardening: network policies",
        mitre = {"T1557", "T1040"})
public final class IngressTlsMissing implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (!Services.isIngress(r)) {
            return;
        }
        JsonNode spec = r.object().path("spec");
        JsonNode tls = spec.path("tls");
        if (!tls.isArray() || tls.isEmpty()) {
            sink.report(JsonPath.of("spec"), "Ingress " + r.name() + " has no spec.tls: it serves plain HTTP");
            return;
        }
        List<String> tlsHosts = new ArrayList<>();
        for (JsonNode entry : tls) {
            JsonNode hosts = entry.path("hosts");
            if (!hosts.isArray() || hosts.isEmpty()) {
                return; // a certificate for every host the controller serves
            }
            hosts.forEach(h -> tlsHosts.add(h.asText()));
        }
        JsonNode rules = spec.path("rules");
        for (int i = 0; i < rules.size(); i++) {
            String host = Json.text(rules.path(i).get("host"));
            if (host != null && !host.isEmpty() && tlsHosts.stream().noneMatch(t -> covers(t, host))) {
                sink.report(JsonPath.of("spec", "rules").index(i).key("host"),
                        "Ingress " + r.name() + " serves host " + host + " without TLS: no spec.tls entry lists it");
            }
        }
    }

    /** Exact match, or a wildcard certificate name that covers exactly one more label. */
    static boolean covers(String tlsHost, String host) {
        if (tlsHost.equalsIgnoreCase(host)) {
            return true;
        }
        if (tlsHost.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equalsIgnoreCase(tlsHost.substring(1));
        }
        return false;
    }
}
