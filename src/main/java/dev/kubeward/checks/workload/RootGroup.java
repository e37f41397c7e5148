package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.check.PodCheck;
import dev.kubeward.model.Container;
import dev.kubeward.model.Field;
import dev.kubeward.model.Json;
import dev.kubeward.model.PodTemplate;
import java.util.OptionalLong;

@CheckInfo(
        id = "root-group",
        title = "Runs with the root group",
        severity = Severity.MEDIUM,
        category = "Pod security",
        description = "runAsGroup is 0 (pod or container), fsGroup is 0, or supplementalGroups contains 0.",
        rationale = "Group 0 owns many sensitive files on the host and in images; a process in the root group "
                + "can read or write them, which matters most after a container escape.",
        remediation = "Use a non-zero runAsGroup and fsGroup, and leave 0 out of supplementalGroups.",
        nsaCisa = "Pod security: non-root containers and rootless container engines",
        mitre = "T1068")
public final class RootGroup extends PodCheck {
    @Override
    protected void checkPod(PodTemplate pod, CheckContext context, FindingSink sink) {
        if (pod.isWindows()) {
            return;
        }
        reportZero(pod.podSecurity("runAsGroup"), "the pod sets runAsGroup: 0", sink);
        reportZero(pod.podSecurity("fsGroup"), "the pod sets fsGroup: 0: mounted volumes become owned by the root group", sink);
        Field supplemental = pod.podSecurity("supplementalGroups");
        if (supplemental.present() && supplemental.value().isArray()) {
            for (int i = 0; i < supplemental.value().size(); i++) {
                OptionalLong g = Json.integer(supplemental.value().get(i));
                if (g.isPresent() && g.getAsLong() == 0) {
                    sink.report(supplemental.path().index(i), "the pod adds group 0 in supplementalGroups");
                }
            }
        }
        for (Container c : pod.containers()) {
            reportZero(c.ownSecurity("runAsGroup"), c.describe() + " sets runAsGroup: 0", sink);
        }
    }

    private static void reportZero(Field f, String message, FindingSink sink) {
        OptionalLong v = Json.integer(f.value());
        if (v.isPresent() && v.getAsLong() == 0) {
            sink.report(f.path(), message);
        }
    }
}
