package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.PodCheck;
import dev.kubeward.model.Container;
import dev.kubeward.model.Field;
import dev.kubeward.model.Json;
import dev.kubeward.model.PodTemplate;
import java.util.Set;

@CheckInfo(
        id = "selinux-custom-options",
        title = "Custom SELinux options",
        severity = Severity.HIGH,
        category = "Pod security",
        description = "seLinuxOptions (pod or container) sets a user or role, or a type other than "
                + "container_t, container_init_t, container_kvm_t or container_engine_t.",
        rationale = "Custom SELinux users, roles or types can lift the confinement that keeps a container away "
                + "from host files and other containers (spc_t, for one, is unconfined).",
        remediation = "Remove seLinuxOptions.user and .role, and use one of the container types or none.",
        nsaCisa = "Pod security: hardening container environments",
        pss = "Baseline: SELinux",
        mitre = "T1611")
public final class SelinuxCustomOptions extends PodCheck {
    private static final Set<String> ALLOWED_TYPES =
            Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");

    @Override
    protected void checkPod(PodTemplate pod, CheckContext context, FindingSink sink) {
        inspect(pod.podSecurity("seLinuxOptions"), "the pod", sink);
        for (Container c : pod.containers()) {
            inspect(c.ownSecurity("seLinuxOptions"), c.describe(), sink);
        }
    }

    private static void inspect(Field options, String who, FindingSink sink) {
        if (!options.present()) {
            return;
        }
        JsonNode o = options.value();
        String type = Json.text(o.get("type"));
        if (o.has("type") && (type == null || !ALLOWED_TYPES.contains(type))) {
            sink.report(options.path().key("type"), who + " sets SELinux type " + o.get("type"));
        }
        for (String field : new String[] {"user", "role"}) {
            String v = Json.text(o.get(field));
            if (v != null && !v.isEmpty()) {
                sink.report(options.path().key(field), who + " sets SELinux " + field + " " + v);
            }
        }
    }
}
