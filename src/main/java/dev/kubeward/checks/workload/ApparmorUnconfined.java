package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.check.ContainerCheck;
import dev.kubeward.model.Container;
import dev.kubeward.model.Field;
import dev.kubeward.model.Json;

@CheckInfo(
        id = "apparmor-unconfined",
        title = "AppArmor disabled",
        severity = Severity.HIGH,
        category = "Pod security",
        description = "A container's AppArmor profile is explicitly Unconfined: appArmorProfile.type in the "
                + "container's or the pod's securityContext, or the annotation "
                + "container.apparmor.security.beta.kubernetes.io/<container>: unconfined. An unset profile is "
                + "not reported: on AppArmor hosts the runtime's default profile applies.",
        rationale = "AppArmor's runtime default profile blocks writes to /proc and /sys and mounts; turning it "
                + "off removes a layer that stops several container escapes.",
        remediation = "Remove the Unconfined setting, or use appArmorProfile.type: RuntimeDefault or Localhost.",
        nsaCisa = "Pod security: hardening container environments",
        pss = "Baseline: AppArmor",
        mitre = "T1611")
public final class ApparmorUnconfined extends ContainerCheck {
    static final String ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

    @Override
    protected boolean linuxOnly() {
        return true;
    }

    @Override
    protected void checkContainer(Container c, CheckContext context, FindingSink sink) {
        Field profile = c.effectiveSecurity("appArmorProfile");
        if (profile.present()) {
            if ("Unconfined".equals(Json.text(profile.value().get("type")))) {
                sink.report(profile.path().key("type"), c.describe() + " runs with AppArmor profile Unconfined");
            }
            return;
        }
        String key = ANNOTATION_PREFIX + c.name();
        if ("unconfined".equals(c.pod().annotations().get(key))) {
            sink.report(c.pod().annotationPath(key), c.describe() + " runs with AppArmor profile unconfined (annotation)");
        }
    }
}
