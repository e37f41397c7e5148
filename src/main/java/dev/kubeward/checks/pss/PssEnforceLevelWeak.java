package dev.kubeward.checks.pss;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.pss.Level;
import dev.kubeward.pss.ModePolicy;
import dev.kubeward.pss.NamespacePolicy;
import dev.kubeward.pss.PolicyMode;

@CheckInfo(
        id = "pss-enforce-level-weak",
        title = "Pod Security enforce level below the minimum",
        severity = Severity.MEDIUM,
        category = "Pod Security Admission",
        description = "A Namespace's pod-security.kubernetes.io/enforce label names a level below the configured "
                + "minimum (pss.minimumLevel in .kubeward.yaml, default baseline).",
        rationale = "privileged enforces nothing; baseline stops known privilege escalations; restricted adds "
                + "current pod hardening best practice. A weak level lets insecure pods in.",
        remediation = "Raise the enforce label to the minimum level or above; exempt the few namespaces that must "
                + "run privileged system components in the configuration, with a reason.",
        cis = "5.2.1",
        nsaCisa = "Pod security: pod security enforcement",
        pss = "Pod Security Admission: enforce mode")
public final class PssEnforceLevelWeak implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (!Namespaces.isNamespace(r) || !r.labels().containsKey(PolicyMode.ENFORCE.levelLabel())) {
            return;
        }
        ModePolicy enforce = NamespacePolicy.fromNamespace(r.object()).enforce();
        if (enforce.levelInvalid()) {
            return;
        }
        Level minimum = Level.parse(context.config().setting("pss", "minimumLevel", "baseline"));
        if (enforce.level().ordinal() < minimum.ordinal()) {
            sink.report(JsonPath.of("metadata", "labels").key(PolicyMode.ENFORCE.levelLabel()),
                    "namespace " + r.name() + " enforces " + enforce.level().label() + ", below the minimum "
                            + minimum.label());
        }
    }
}
