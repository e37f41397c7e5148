package dev.kubeward.checks.version;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.util.List;

@CheckInfo(
        id = "api-version-removed",
        title = "API version no longer served",
        severity = Severity.HIGH,
        category = "Kubernetes version",
        description = "The object's apiVersion and kind are an entry of the Kubernetes Deprecated API Migration Guide "
                + "that the cluster's release no longer serves (extensions/v1beta1 workloads, Ingress and NetworkPolicy, "
                + "policy/v1beta1 PodSecurityPolicy and PodDisruptionBudget, batch/v1beta1 CronJob, autoscaling/v2beta1 "
                + "and v2beta2, the flowcontrol betas, storage.k8s.io/v1beta1 …: the whole table, see "
                + "docs/data-protection.md). The release is kubernetesVersion (or --kubernetes-version), else each "
                + "kube-apiserver image version of the input, else the newest release kubeward knows. The message names the release that removed it and what to use instead.",
        rationale = "kubectl apply rejects the object (\"no matches for kind\"), so whatever it was meant to enforce is "
                + "not there: a NetworkPolicy, a PodSecurityPolicy or an RBAC binding written against a removed API "
                + "silently protects nothing after an upgrade, and CI that only lints passes.",
        remediation = "Move the manifest to the replacement API version (kubectl-convert does most of it) and review "
                + "the notable changes the migration guide lists for it.",
        nsaCisa = "Upgrading and application security practices")
public final class ApiVersionRemoved implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        ApiRemovals.find(r.apiVersion(), r.kind()).ifPresent(removal -> {
            List<VersionTargets.Target> removedOn = VersionTargets.targets(context).stream()
                    .filter(t -> t.version().atLeast(1, removal.removedIn())).toList();
            if (removedOn.isEmpty()) {
                return;
            }
            VersionTargets.Target target = removedOn.get(removedOn.size() - 1);
            ApiRemovals.Removal settled = ApiRemovals.settled(removal, target.version().minor());
            String instead = settled.replacement() == null ? settled.note()
                    : "use " + settled.replacement() + " (served since 1." + settled.availableSince() + ")";
            sink.report(JsonPath.of("apiVersion"), r.kind() + " " + r.apiVersion() + " is no longer served since "
                    + "Kubernetes 1." + removal.removedIn() + ": " + instead + "; judged for "
                    + String.join(", ", removedOn.stream().map(VersionTargets.Target::description).toList()));
        });
    }
}
