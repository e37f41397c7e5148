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
        id = "api-version-deprecated",
        title = "API version removed in a later release",
        severity = Severity.LOW,
        category = "Kubernetes version",
        description = "The object's apiVersion and kind are an entry of the Kubernetes Deprecated API Migration Guide "
                + "that the cluster's release (kubernetesVersion or --kubernetes-version, else each kube-apiserver image version "
                + "of the input) still serves, but a later "
                + "release removes, and its replacement is already served (for policy/v1beta1 PodSecurityPolicy, which "
                + "has none: from 1.21, when it was deprecated). The message names the release that removes it. Without "
                + "a configured version the newest release is assumed, where these are all removed "
                + "(api-version-removed).",
        rationale = "The manifest stops applying on the upgrade that removes the version; migrating before the upgrade "
                + "keeps the protections it carries (policies, bindings) in place through it.",
        remediation = "Move the manifest to the replacement API version before upgrading to the release named.",
        nsaCisa = "Upgrading and application security practices")
public final class ApiVersionDeprecated implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        ApiRemovals.find(r.apiVersion(), r.kind()).ifPresent(removal -> {
            List<VersionTargets.Target> deprecatedOn = VersionTargets.targets(context).stream()
                    .filter(t -> !t.version().atLeast(1, removal.removedIn())
                            && t.version().atLeast(1, removal.availableSince())).toList();
            if (deprecatedOn.isEmpty()) {
                return;
            }
            ApiRemovals.Removal settled = ApiRemovals.settled(removal, deprecatedOn.get(0).version().minor());
            String instead = settled.replacement() == null ? settled.note()
                    : "move to " + settled.replacement() + " (served since 1." + settled.availableSince() + ")";
            sink.report(JsonPath.of("apiVersion"), r.kind() + " " + r.apiVersion() + " is deprecated and no longer "
                    + "served from Kubernetes 1." + removal.removedIn() + ": " + instead + "; judged for "
                    + String.join(", ", deprecatedOn.stream().map(VersionTargets.Target::description).toList()));
        });
    }
}
