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

@CheckInfo(
        id = "ingress-wildcard-host",
        title = "Ingress rule with a wildcard host",
        severity = Severity.LOW,
        category = "Network exposure",
        description = "An Ingress rule's host is a wildcard such as *.example.com. A rule without host (every host "
                + "name) is not reported: it is the usual form for a single-application controller.",
        rationale = "A wildcard routes every subdomain to the backend, including names nobody meant to publish; "
                + "with a wildcard certificate it widens what a stolen key or a dangling DNS record exposes.",
        remediation = "List the exact host names the application serves, one rule each.",
        nsaCisa = "Network separation and hardening: network policies",
        mitre = "T1133")
public final class IngressWildcardHost implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (!Services.isIngress(r)) {
            return;
        }
        JsonNode rules = r.object().path("spec").path("rules");
        for (int i = 0; i < rules.size(); i++) {
            String host = Json.text(rules.path(i).get("host"));
            if (host != null && host.startsWith("*")) {
                sink.report(JsonPath.of("spec", "rules").index(i).key("host"),
                        "Ingress " + r.name() + " routes every subdomain matching " + host);
            }
        }
    }
}
