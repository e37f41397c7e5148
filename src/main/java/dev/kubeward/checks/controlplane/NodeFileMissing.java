package dev.kubeward.checks.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "node-file-missing",
        title = "Expected node file not found",
        severity = Severity.INFO,
        category = "Node files",
        description = "A kubeadm standard file that CIS audits was not found (a worker has no control-plane "
                + "manifests; other installers put files elsewhere).",
        rationale = "The file's permissions and content could not be audited; say so rather than pass silently.",
        remediation = "Nothing to fix when the node does not run that component; otherwise point kubeward node "
                + "--root at a copy of the node's files that has it.",
        nsaCisa = "Network separation and hardening: control plane hardening")
public final class NodeFileMissing extends NodeFileCheck {
    @Override
    protected void checkFile(JsonNode spec, Resource file, FindingSink sink) {
        if (Json.isFalse(spec.get("exists"))) {
            sink.report(JsonPath.of("spec", "exists"), file.name() + " (" + text(spec, "role")
                    + ") was not found, so CIS " + text(spec, "cisMode") + " and " + text(spec, "cisOwner")
                    + " could not be audited");
        }
    }
}
