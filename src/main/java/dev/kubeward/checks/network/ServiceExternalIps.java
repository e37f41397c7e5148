package dev.kubeward.checks.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
        id = "service-external-ips",
        title = "Service sets externalIPs",
        severity = Severity.HIGH,
        category = "Network exposure",
        description = "A Service lists spec.externalIPs. kube-proxy then captures traffic to those addresses on every "
                + "node, whoever owns them: the pattern of CVE-2020-8554, which has no fix in Kubernetes itself.",
        rationale = "Anyone allowed to create or edit a Service can intercept the cluster's traffic to any IP "
                + "address (a database, a SaaS API) and read or alter it; legitimate uses are rare and better served "
                + "by a LoadBalancer.",
        remediation = "Remove externalIPs and use a LoadBalancer Service; block the field cluster-wide with the "
                + "DenyServiceExternalIPs admission plugin or an admission policy.",
        nsaCisa = "Network separation and hardening: network policies",
        mitre = "T1557")
public final class ServiceExternalIps implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (!Services.isService(r)) {
            return;
        }
        JsonNode ips = r.object().path("spec").path("externalIPs");
        if (ips.isArray() && !ips.isEmpty()) {
            List<String> addresses = new ArrayList<>();
            ips.forEach(ip -> addresses.add(ip.asText()));
            sink.report(JsonPath.of("spec", "externalIPs"), "Service " + r.name() + " captures traffic to "
                    + addresses + " on every node (CVE-2020-8554)");
        }
    }
}
