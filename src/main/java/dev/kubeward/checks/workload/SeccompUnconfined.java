package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.check.ContainerCheck;
import dev.kubeward.model.Container;
import dev.kubeward.model.Field;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import java.util.Map;

@CheckInfo(
        id = "seccomp-unconfined",
        title = "No seccomp profile",
        severity = Severity.MEDIUM,
        category = "Pod security",
        description = "No RuntimeDefault or Localhost seccomp profile is in effect for a container: "
                + "seccompProfile.type in the container's or the pod's securityContext, or the legacy "
                + "seccomp annotations. An explicit Unconfined profile is reported as high.",
        rationale = "Without seccomp every system call of the kernel is reachable from the container; most "
                + "container-escape exploits use calls that the runtime's default profile blocks. The kubelet "
                + "runs pods Unconfined unless its SeccompDefault setting is on.",
        remediation = "Set securityContext.seccompProfile.type: RuntimeDefault at pod level (or Localhost with "
                + "a profile of your own).",
        cis = "5.6.2",
        nsaCisa = "Pod security: hardening container environments",
        pss = {"Baseline: Seccomp", "Restricted: Seccomp"},
        mitre = "T1611")
public final class SeccompUnconfined extends ContainerCheck {
    static final String POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
    static final String CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

    @Override
    protected boolean linuxOnly() {
        return true;
    }

    @Override
    protected void checkContainer(Container c, CheckContext context, FindingSink sink) {
        Field profile = c.effectiveSecurity("seccompProfile");
        if (profile.present()) {
            String type = Json.text(profile.value().get("type"));
            if ("RuntimeDefault".equals(type) || "Localhost".equals(type)) {
                return;
            }
            sink.report(profile.path().key("type"), Severity.HIGH,
                    c.describe() + " runs with seccomp profile " + (type == null ? "(no type)" : type));
            return;
        }
        Map<String, String> annotations = c.pod().annotations();
        String key = CONTAINER_ANNOTATION_PREFIX + c.name();
        String value = annotations.get(key);
        if (value == null) {
            key = POD_ANNOTATION;
            value = annotations.get(key);
        }
        if (value != null) {
            if (value.equals("runtime/default") || value.equals("docker/default") || value.startsWith("localhost/")) {
                return;
            }
            JsonPath at = c.pod().annotationPath(key);
            sink.report(at, Severity.HIGH, c.describe() + " runs with seccomp profile " + value + " (annotation)");
            return;
        }
        sink.report(c.path(), c.describe() + " has no seccomp profile: it runs Unconfined unless the kubelet's SeccompDefault is on");
    }
}
