package dev.kubeward.checks.workload;

import dev.kubeward.model.UnixPath;
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
import java.util.List;

@CheckInfo(
        id = "hostpath-volume",
        title = "hostPath volume",
        severity = Severity.MEDIUM,
        category = "Pod security",
        description = "The pod mounts a directory or file of the node (volumes[].hostPath). Critical for the "
                + "node's root, container runtime sockets (docker, containerd, CRI-O) and the directories that "
                + "hold them, kubelet, etcd and Kubernetes PKI state, and /proc and /sys (or a path under them) when "
                + "a container may write there; high for /proc and /sys mounted read-only by every container that "
                + "mounts them, and for other system directories (/etc, /root, /dev, /boot, /var/lib/docker, "
                + "/var/log …); medium otherwise. A path that contains a sensitive one (/var contains "
                + "/var/run/docker.sock) is as sensitive. A volume no container mounts is graded as writable (an "
                + "ephemeral container may mount it).",
        rationale = "hostPath gives the container the node's files: a runtime socket or the kubelet's directory "
                + "is a complete node takeover, /etc allows adding users or cron jobs.",
        remediation = "Use emptyDir, a PersistentVolumeClaim, a ConfigMap/Secret or a CSI driver instead. If a "
                + "node agent truly needs host files, mount the narrowest path read-only and isolate the agent.",
        cis = "5.2.11",
        nsaCisa = "Pod security: hardening container environments",
        pss = "Baseline: HostPath Volumes",
        mitre = "T1611")
public final class HostPathVolume extends PodCheck {
    private static final List<String> CRITICAL = List.of("/", "/var/run/docker.sock", "/run/docker.sock",
            "/var/run/containerd", "/run/containerd", "/var/run/crio", "/run/crio", "/var/run/cri-dockerd.sock",
            "/run/cri-dockerd.sock", "/var/lib/kubelet", "/etc/kubernetes", "/var/lib/etcd", "/proc", "/sys");
    /**
     * Kernel interfaces that are an escape only when written (core_pattern, uevent_helper, a cgroup's
     * release_agent) and information when read: high when every mount is read-only. The other
     * critical paths stay critical read-only: a socket accepts connect() on a read-only mount, and
     * credentials (kubelet, etcd data, admin.conf) are read, not written.
     */
    private static final List<String> CRITICAL_WHEN_WRITABLE = List.of("/proc", "/sys");
    private static final List<String> SOCKET_NAMES = List.of("docker.sock", "containerd.sock", "crio.sock",
            "cri-dockerd.sock", "podman.sock");
    private static final List<String> HIGH = List.of("/etc", "/root", "/home", "/dev", "/boot", "/var/lib/docker",
            "/var/lib/containerd", "/var/log", "/usr", "/bin", "/sbin", "/lib", "/lib64", "/opt/cni", "/var/run",
            "/run");

    @Override
    protected void checkPod(PodTemplate pod, CheckContext context, FindingSink sink) {
        Field volumes = pod.specField("volumes");
        if (!volumes.present() || !volumes.value().isArray()) {
            return;
        }
        for (int i = 0; i < volumes.value().size(); i++) {
            JsonNode hostPath = volumes.value().get(i).get("hostPath");
            if (hostPath == null || !hostPath.isObject()) {
                continue;
            }
            String path = Json.text(hostPath.get("path"));
            String name = Json.text(volumes.value().get(i).get("name"));
            boolean readOnly = name != null && mountedReadOnly(pod, name);
            Severity s = path == null ? Severity.MEDIUM : severityOf(UnixPath.clean(path), readOnly);
            sink.report(volumes.path().index(i).key("hostPath").key("path"), s,
                    "volume \"" + name + "\" mounts the node's " + (path == null ? "(no path)" : path)
                            + (readOnly ? " read-only" : ""));
        }
    }

    /** Whether at least one container mounts the volume and every mount of it is readOnly: true. */
    static boolean mountedReadOnly(PodTemplate pod, String volume) {
        boolean mounted = false;
        for (Container c : pod.containers()) {
            JsonNode mounts = c.node().get("volumeMounts");
            if (mounts == null || !mounts.isArray()) {
                continue;
            }
            for (JsonNode m : mounts) {
                if (volume.equals(Json.text(m.get("name")))) {
                    if (!Json.isTrue(m.get("readOnly"))) {
                        return false;
                    }
                    mounted = true;
                }
            }
        }
        return mounted;
    }

    static Severity severityOf(String path) {
        return severityOf(path, false);
    }

    static Severity severityOf(String path, boolean readOnly) {
        for (String socket : SOCKET_NAMES) {
            if (path.endsWith("/" + socket)) {
                return Severity.CRITICAL;
            }
        }
        for (String c : CRITICAL) {
            boolean holds = isAncestorOrSame(path, c);
            boolean under = !c.equals("/") && isAncestorOrSame(c, path);
            if (holds || under) {
                boolean readOnlyKernelInterface = readOnly && under && CRITICAL_WHEN_WRITABLE.contains(c)
                        && !containsOtherCritical(path);
                return readOnlyKernelInterface ? Severity.HIGH : Severity.CRITICAL;
            }
        }
        for (String h : HIGH) {
            if (isAncestorOrSame(path, h) || isAncestorOrSame(h, path)) {
                return Severity.HIGH;
            }
        }
        return Severity.MEDIUM;
    }

    /** Whether the path holds a critical path other than /proc and /sys (it is then critical read-only too). */
    private static boolean containsOtherCritical(String path) {
        for (String c : CRITICAL) {
            if (!CRITICAL_WHEN_WRITABLE.contains(c) && (isAncestorOrSame(path, c) || !c.equals("/") && isAncestorOrSame(c, path))) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code ancestor} equals {@code path} or contains it. */
    private static boolean isAncestorOrSame(String ancestor, String path) {
        return ancestor.equals(path) || ancestor.equals("/") || path.startsWith(ancestor + "/");
    }

}
