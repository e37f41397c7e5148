package dev.kubeward.checks.pss;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.pss.ModePolicy;
import dev.kubeward.pss.NamespacePolicy;
import dev.kubeward.pss.PolicyMode;

@CheckInfo(
        id = "pss-label-invalid",
        title = "Invalid Pod Security label",
        severity = Severity.MEDIUM,
        category = "Pod Security Admission",
        description = "A pod-security.kubernetes.io label has a value admission does not accept (levels are "
                + "case-sensitive; versions are latest or v1.N). Admission then falls back: an invalid enforce "
                + "level enforces restricted, an invalid audit or warn level means privileged, an invalid "
                + "version means latest.",
        rationale = "A typo silently changes the policy: Restricted with a capital R rejects pods that baseline "
                + "would admit, and an invalid warn level hides every warning.",
        remediation = "Use privileged, baseline or restricted for levels and latest or v1.N for versions.",
        nsaCisa = "Pod security: pod security enforcement",
        pss = "Pod Security Admission: namespace labels")
public final class PssLabelInvalid implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (!Namespaces.isNamespace(r)) {
            return;
        }
        NamespacePolicy policy = NamespacePolicy.fromNamespace(r.object());
        for (PolicyMode mode : PolicyMode.values()) {
            ModePolicy m = policy.mode(mode);
            JsonPath labels = JsonPath.of("metadata", "labels");
            if (m.levelInvalid()) {
                sink.report(labels.key(mode.levelLabel()), "invalid " + mode.levelLabel() + " value \"" + m.levelLabel()
                        + "\": admission uses " + m.level().label() + " instead");
            }
            if (m.versionInvalid()) {
                sink.report(labels.key(mode.versionLabel()), "invalid " + mode.versionLabel() + " value \""
                        + m.versionLabel() + "\": admission uses latest instead");
            }
        }
    }
}
