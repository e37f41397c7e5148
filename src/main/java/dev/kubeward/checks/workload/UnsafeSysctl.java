package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.PodCheck;
import dev.kubeward.model.Field;
import dev.kubeward.model.Json;
import dev.kubeward.model.PodTemplate;
import java.util.Set;

@CheckInfo(
        id = "unsafe-sysctl",
        title = "Unsafe sysctl",
        severity = Severity.HIGH,
        category = "Pod security",
        description = "spec.securityContext.sysctls sets a sysctl outside the namespaced safe set that the "
                + "kubelet allows by default (the Pod Security Standards' newest list).",
        rationale = "Unsafe sysctls are not isolated per pod, or can starve or destabilise the node; they "
                + "affect every workload on it.",
        remediation = "Remove the sysctl, or run the workload on dedicated nodes whose kubelet explicitly "
                + "allows it (--allowed-unsafe-sysctls) with taints to keep others off.",
        nsaCisa = "Pod security: hardening container environments",
        pss = "Baseline: Sysctls",
        mitre = "T1611")
public final class UnsafeSysctl extends PodCheck {
    private static final Set<String> SAFE = Set.of(
            "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
            "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
            "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes");

    @Override
    protected void checkPod(PodTemplate pod, CheckContext context, FindingSink sink) {
        Field sysctls = pod.podSecurity("sysctls");
        if (!sysctls.present() || !sysctls.value().isArray()) {
            return;
        }
        for (int i = 0; i < sysctls.value().size(); i++) {
            JsonNode s = sysctls.value().get(i);
            String name = Json.text(s.get("name"));
            if (name != null && !SAFE.contains(normalize(name))) {
                sink.report(sysctls.path().index(i), "the pod sets unsafe sysctl " + name);
            }
        }
    }

    /** The kubelet accepts "/" as the separator too (net/ipv4/tcp_syncookies). */
    private static String normalize(String name) {
        return name.indexOf('.') < 0 ? name.replace('/', '.') : name;
    }
}
