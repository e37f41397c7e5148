package dev.kubeward.checks.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.NodeFileRule;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "node-file-permissions",
        title = "Node file more permissive than CIS allows",
        severity = Severity.MEDIUM,
        category = "Node files",
        description = "A control-plane or kubelet file (pod specs, kubeconfigs, PKI, kubelet unit and configuration, "
                + "etcd data) grants permissions beyond the CIS maximum (600 for most, 644 for certificates, 700 "
                + "for the etcd data directory).",
        rationale = "Kubeconfigs and keys are credentials: a local user or a container with a host mount who can "
                + "read them becomes that identity, often cluster-admin; writable pod specs and unit files let "
                + "them change how the control plane runs.",
        remediation = "chmod the file to the mode in the message (e.g. chmod 600 /etc/kubernetes/admin.conf).",
        cis = {"1.1.1", "1.1.3", "1.1.5", "1.1.7", "1.1.9", "1.1.11", "1.1.13", "1.1.15", "1.1.17", "1.1.20",
            "1.1.21", "4.1.1", "4.1.5", "4.1.7", "4.1.9"},
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1552.001")
public final class NodeFilePermissions extends NodeFileCheck {
    @Override
    protected void checkFile(JsonNode spec, Resource file, FindingSink sink) {
        int actual = mode(text(spec, "mode"));
        int max = mode(text(spec, "maxMode"));
        if (actual < 0 || max < 0) {
            return;
        }
        int excess = actual & ~max & 0777;
        if (excess != 0) {
            sink.report(JsonPath.of("spec", "mode"), file.name() + " (" + text(spec, "role") + ") has mode "
                    + NodeFileRule.octal(actual) + "; CIS " + text(spec, "cisMode") + " allows at most "
                    + NodeFileRule.octal(max));
        }
    }
}
