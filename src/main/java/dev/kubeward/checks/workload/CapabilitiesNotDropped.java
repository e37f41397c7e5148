package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.ContainerCheck;
import dev.kubeward.model.Container;
import dev.kubeward.model.Field;

@CheckInfo(
        id = "capabilities-not-dropped",
        title = "Capabilities not dropped",
        severity = Severity.MEDIUM,
        category = "Pod security",
        description = "A container does not drop ALL Linux capabilities (securityContext.capabilities.drop).",
        rationale = "Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID, …) that most "
                + "applications never use and that attackers do, e.g. NET_RAW for ARP and DNS spoofing.",
        remediation = "Set securityContext.capabilities.drop: [ALL] and add back only what the process needs "
                + "(usually nothing, at most NET_BIND_SERVICE).",
        cis = "5.2.9",
        nsaCisa = "Pod security: hardening container environments",
        pss = "Restricted: Capabilities",
        mitre = "T1068")
public final class CapabilitiesNotDropped extends ContainerCheck {
    @Override
    protected boolean linuxOnly() {
        return true;
    }

    @Override
    protected void checkContainer(Container c, CheckContext context, FindingSink sink) {
        Field caps = c.ownSecurity("capabilities");
        JsonNode drop = caps.present() ? caps.value().get("drop") : null;
        if (drop != null && drop.isArray()) {
            for (JsonNode d : drop) {
                // Pod Security Admission accepts exactly "ALL"; runtimes are laxer, the API server is not.
                if (d.isTextual() && d.textValue().equals("ALL")) {
                    return;
                }
            }
            sink.report(caps.path().key("drop"), c.describe() + " drops some capabilities but not ALL");
            return;
        }
        sink.report(caps.present() ? caps.path() : c.path(), c.describe() + " does not drop ALL capabilities");
    }
}
