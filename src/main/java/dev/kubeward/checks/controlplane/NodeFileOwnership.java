package dev.kubeward.checks.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "node-file-ownership",
        title = "Node file not owned as CIS requires",
        severity = Severity.MEDIUM,
        category = "Node files",
        description = "A control-plane or kubelet file is not owned by root:root (etcd's data directory: etcd:etcd).",
        rationale = "Whoever owns a file can change its mode and content: a kubeconfig, key or pod spec owned by an "
                + "unprivileged user is that user's to read or rewrite.",
        remediation = "chown the file to the owner in the message (e.g. chown root:root /etc/kubernetes/kubelet.conf).",
        cis = {"1.1.2", "1.1.4", "1.1.6", "1.1.8", "1.1.10", "1.1.12", "1.1.14", "1.1.16", "1.1.18", "1.1.19",
            "4.1.2", "4.1.6", "4.1.8", "4.1.10"},
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1552.001")
public final class NodeFileOwnership extends NodeFileCheck {
    @Override
    protected void checkFile(JsonNode spec, Resource file, FindingSink sink) {
        String owner = text(spec, "owner");
        String expected = text(spec, "expectedOwner");
        if (owner != null && expected != null && !owner.equals(expected)) {
            sink.report(JsonPath.of("spec", "owner"), file.name() + " (" + text(spec, "role") + ") is owned by "
                    + owner + "; CIS " + text(spec, "cisOwner") + " asks for " + expected);
        }
    }
}
