package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.ContainerCheck;
import dev.kubeward.model.Container;
import dev.kubeward.model.Field;
import java.util.Set;

@CheckInfo(
        id = "dangerous-capability",
        title = "Dangerous capability added",
        severity = Severity.HIGH,
        category = "Pod security",
        description = "A container adds a capability that breaks isolation: ALL, SYS_ADMIN, SYS_MODULE, BPF "
                + "(critical), NET_ADMIN, NET_RAW, SYS_PTRACE, DAC_READ_SEARCH, DAC_OVERRIDE, PERFMON, SYS_BOOT, "
                + "SYS_RAWIO, SYS_TIME, MAC_ADMIN, MAC_OVERRIDE, SYSLOG (high). Names are matched as the runtime "
                + "reads them (case-insensitive, optional CAP_ prefix).",
        rationale = "These capabilities give kernel-level powers: mounting filesystems, loading modules or eBPF "
                + "programs, tracing other processes, spoofing traffic; several lead straight to a container escape.",
        remediation = "Remove the capability from securityContext.capabilities.add; redesign the workload or move "
                + "the privileged part into a dedicated, isolated component.",
        cis = {"5.2.8", "5.2.9"},
        nsaCisa = "Pod security: hardening container environments",
        pss = "Baseline: Capabilities",
        mitre = {"T1611", "T1068"})
public final class DangerousCapability extends ContainerCheck {
    private static final Set<String> CRITICAL = Set.of("ALL", "SYS_ADMIN", "SYS_MODULE", "BPF");
    private static final Set<String> HIGH = Set.of("NET_ADMIN", "NET_RAW", "SYS_PTRACE", "DAC_READ_SEARCH",
            "DAC_OVERRIDE", "PERFMON", "SYS_BOOT", "SYS_RAWIO", "SYS_TIME", "MAC_ADMIN", "MAC_OVERRIDE", "SYSLOG");

    @Override
    protected boolean linuxOnly() {
        return true;
    }

    @Override
    protected void checkContainer(Container c, CheckContext context, FindingSink sink) {
        Field caps = c.ownSecurity("capabilities");
        JsonNode add = caps.present() ? caps.value().get("add") : null;
        if (add == null || !add.isArray()) {
            return;
        }
        for (int i = 0; i < add.size(); i++) {
            if (!add.path(i).isTextual()) {
                continue;
            }
            String cap = Capabilities.normalize(add.path(i).textValue());
            Severity s = CRITICAL.contains(cap) ? Severity.CRITICAL : HIGH.contains(cap) ? Severity.HIGH : null;
            if (s != null) {
                sink.report(caps.path().key("add").index(i), s, c.describe() + " adds capability " + cap);
            }
        }
    }
}
