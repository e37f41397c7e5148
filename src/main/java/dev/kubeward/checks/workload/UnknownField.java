package dev.kubeward.checks.workload;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.FieldError;
import dev.kubeward.model.FieldTypes;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "unknown-field",
        title = "Workload field the API does not have",
        severity = Severity.MEDIUM,
        category = "Pod security",
        description = "A Pod or another built-in pod-bearing object (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, "
                + "CronJob, ReplicationController, PodTemplate) has a field its API type does not have: a misspelling "
                + "(securityContex, readOnlyRootFileSystem, runAsNonroot), a field at the wrong level (capabilities under "
                + "the pod's securityContext), or one from another kind. Field names are case-sensitive, as the API "
                + "server's decoder is; the message names the field the API has when only the case differs. Custom "
                + "resources are left to their CRD's schema.",
        rationale = "With kubectl's default --validate=strict the API server refuses the object (strict decoding error: "
                + "unknown field \"…\") and the rollout stops; with validation off, or a tool that prunes, the field is "
                + "dropped without a word and the hardening it was meant to set never applies: a misspelt "
                + "readOnlyRootFilesystem leaves the root filesystem writable.",
        remediation = "Correct the field name (see the kind's API reference, or kubectl explain KIND.FIELD) or move the "
                + "field to the level where the API has it.")
public final class UnknownField implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        for (FieldError e : FieldTypes.unknownFields(resource)) {
            sink.report(e.path(), e.message() + ": kubectl apply refuses the object (strict decoding error), and "
                    + "with validation off the field is dropped");
        }
    }
}
