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
        id = "workload-invalid",
        title = "Workload the API server cannot decode",
        severity = Severity.MEDIUM,
        category = "Pod security",
        description = "A Pod or another pod-bearing object (Deployment, CronJob … or a custom resource's pod template) "
                + "has a field of the wrong type for the Kubernetes API: a number where the API has a string "
                + "(env: [{name: PORT, value: 8080}], a label version: 1.0), a string where it has a list "
                + "(containers: web), a boolean or an object (runAsNonRoot: \"true\"), an integer with a fraction or "
                + "out of range. One finding per field, in the API server's words. The other pod checks and "
                + "'kubeward pss' do not judge such a pod as if it ran: 'kubeward pss' reports it as an input error.",
        rationale = "'kubectl apply' fails on the object (json: cannot unmarshal … into Go struct field …): the workload "
                + "is not created or not updated, and a pipeline that applies the rest of the manifests leaves the "
                + "previous version running, with whatever hardening this change was meant to bring missing.",
        remediation = "Correct the field named in the message (quote numbers and booleans meant as strings: value: "
                + "\"8080\"; write lists as YAML lists; see the API reference of the kind for each field's type).")
public final class WorkloadInvalid implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        for (FieldError e : FieldTypes.ofWorkload(resource, context.inventory())) {
            sink.report(e.path(), e.message());
        }
    }
}
