package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.ContainerCheck;
import dev.kubeward.model.Container;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import java.util.OptionalLong;

@CheckInfo(
        id = "host-port",
        title = "Host port",
        severity = Severity.MEDIUM,
        category = "Pod security",
        description = "A container port sets a non-zero hostPort.",
        rationale = "A host port exposes the container on the node's own address, bypassing Services and "
                + "NetworkPolicies, and limits where the pod can be scheduled.",
        remediation = "Remove hostPort; expose the workload through a Service (and an Ingress for HTTP).",
        cis = "5.2.12",
        nsaCisa = "Network separation and hardening: network policies",
        pss = "Baseline: Host Ports",
        mitre = "T1133")
public final class HostPort extends ContainerCheck {
    @Override
    protected void checkContainer(Container c, CheckContext context, FindingSink sink) {
        JsonNode ports = c.node().get("ports");
        if (ports == null || !ports.isArray()) {
            return;
        }
        for (int i = 0; i < ports.size(); i++) {
            OptionalLong hostPort = Json.integer(ports.path(i).get("hostPort"));
            if (hostPort.isPresent() && hostPort.getAsLong() != 0) {
                JsonPath at = c.path().key("ports").index(i).key("hostPort");
                sink.report(at, c.describe() + " binds host port " + hostPort.getAsLong());
            }
        }
    }
}
