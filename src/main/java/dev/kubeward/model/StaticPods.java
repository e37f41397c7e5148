package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Pods of a scan are static pods: pods the kubelet runs from a file (or a URL) of its node
 * rather than pods created through the API server. The API server's admission never sees them
 * (their mirror pods, which only show them, are rejected if they name a ServiceAccount, a Secret or
 * a token projection), so no service account, token automount, LimitRange default or webhook
 * mutation applies to them.
 *
 * <p>A Pod is static when
 * <ul>
 *   <li>its annotations say so, as the kubelet sets them: {@code kubernetes.io/config.mirror}
 *       (a mirror pod read back from the API), or {@code kubernetes.io/config.source} other than
 *       {@code api} (kubelet {@code pkg/kubelet/types}: {@code IsStaticPod} is "source != api");</li>
 *   <li>its file lies directly in a static pod directory: {@code /etc/kubernetes/manifests}
 *       (kubeadm), {@code /var/lib/rancher/rke2/agent/pod-manifests} (RKE2),
 *       {@code /var/lib/rancher/k3s/agent/pod-manifests} (k3s), or a directory (or file) that a
 *       scanned KubeletConfiguration's {@code staticPodPath} or kubelet command line's
 *       {@code --pod-manifest-path} names. The kubelet reads the files of that directory, not its
 *       subdirectories. A path matches by its trailing components, so a node's tree copied under
 *       {@code node1/etc/kubernetes/manifests} counts;</li>
 *   <li>it is one of kubeadm's control-plane pods: namespace {@code kube-system}, labels
 *       {@code tier: control-plane} and {@code component} one of kube-apiserver,
 *       kube-controller-manager, kube-scheduler, etcd (kubeadm {@code staticpod.ComponentPod}).</li>
 * </ul>
 */
public final class StaticPods {
    public static final String CONFIG_SOURCE_ANNOTATION = "kubernetes.io/config.source";
    public static final String CONFIG_MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    /** The static pod directories of kubeadm, RKE2 and k3s. */
    public static final List<String> KNOWN_DIRECTORIES = List.of("/etc/kubernetes/manifests",
            "/var/lib/rancher/rke2/agent/pod-manifests", "/var/lib/rancher/k3s/agent/pod-manifests");

    private static final Set<String> KUBEADM_COMPONENTS = Set.of("kube-apiserver", "kube-controller-manager",
            "kube-scheduler", "etcd");
    private static final String KUBELET_CONFIG_GROUP = "kubelet.config.k8s.io";
    private static final String MANIFEST_PATH_FLAG = "--pod-manifest-path";

    /** Directories and the configuration that named each; the known ones say so. */
    private record Place(Path path, String namedBy) {}

    /** The known directories only. */
    static final StaticPods DEFAULT = new StaticPods(List.of());

    private final List<Place> places = new ArrayList<>();

    private StaticPods(List<Place> named) {
        for (String d : KNOWN_DIRECTORIES) {
            places.add(new Place(Path.of(d), null));
        }
        places.addAll(named);
    }

    /** The known directories plus those the kubelet configuration among {@code resources} names. */
    public static StaticPods of(List<Resource> resources) {
        List<Place> named = new ArrayList<>();
        for (Resource r : resources) {
            for (String p : namedPaths(r)) {
                Path path = path(p);
                if (path == null) {
                    continue;
                }
                if (!path.isAbsolute()) {
                    // The kubelet resolves relative paths of its configuration file against the file's directory.
                    Path config = path(r.origin().file());
                    Path dir = config == null ? null : config.toAbsolutePath().getParent();
                    if (dir == null) {
                        continue;
                    }
                    path = dir.resolve(path);
                }
                named.add(new Place(path.normalize(), r.displayName()));
            }
        }
        return named.isEmpty() ? DEFAULT : new StaticPods(named);
    }

    private static List<String> namedPaths(Resource r) {
        Set<String> out = new LinkedHashSet<>();
        if (r.kind().equals("KubeletConfiguration") && r.group().equals(KUBELET_CONFIG_GROUP)) {
            String p = Json.text(r.object().get("staticPodPath"));
            if (p != null && !p.isBlank()) {
                out.add(p.strip());
            }
        }
        if (r.kind().equals("KubeletCommandLine") && r.apiVersion().startsWith("kubeward.dev/")) {
            JsonNode args = r.object().path("args");
            for (int i = 0; i < args.size(); i++) {
                String a = args.path(i).asText("");
                if (a.startsWith(MANIFEST_PATH_FLAG + "=")) {
                    out.add(a.substring(MANIFEST_PATH_FLAG.length() + 1));
                } else if (a.equals(MANIFEST_PATH_FLAG) && i + 1 < args.size()) {
                    out.add(args.path(i + 1).asText(""));
                }
            }
        }
        out.removeIf(String::isBlank);
        return List.copyOf(out);
    }

    /**
     * Why the object is a static pod ("annotation kubernetes.io/config.source: file", "file in
     * /etc/kubernetes/manifests" …), or null when it is not one.
     */
    String reason(Resource r) {
        if (!r.kind().equals("Pod") || !r.group().isEmpty()) {
            return null;
        }
        Map<String, String> annotations = r.annotations();
        if (annotations.containsKey(CONFIG_MIRROR_ANNOTATION)) {
            return "a mirror pod (annotation " + CONFIG_MIRROR_ANNOTATION + ")";
        }
        String source = annotations.get(CONFIG_SOURCE_ANNOTATION);
        if (source != null && !source.equals("api")) {
            return "annotation " + CONFIG_SOURCE_ANNOTATION + ": " + source;
        }
        String inDirectory = directoryOf(r.origin().file());
        if (inDirectory != null) {
            return inDirectory;
        }
        Map<String, String> labels = r.labels();
        String component = labels.get("component");
        if ("kube-system".equals(r.namespace()) && "control-plane".equals(labels.get("tier")) && component != null
                && KUBEADM_COMPONENTS.contains(component)) {
            return "kubeadm's " + component + " pod (kube-system, tier: control-plane)";
        }
        return null;
    }

    /**
     * The node a static Pod of {@code resources} comes from, as far as the input tells: the directory
     * of its file when that is a static pod directory, or null (not such a file). The kubelet of
     * each node names the mirror pod of its static pod {@code NAME-NODENAME}, so two nodes' copies of
     * {@code kube-apiserver.yaml} are two pods in the cluster, not one object written twice.
     */
    public String staticPodDirectory(Resource r) {
        if (!r.kind().equals("Pod") || !r.group().isEmpty()) {
            return null;
        }
        if (directoryOf(r.origin().file()) == null) {
            return null;
        }
        Path parent = path(r.origin().file()).toAbsolutePath().normalize().getParent();
        return parent == null ? "" : parent.toString();
    }

    private String directoryOf(String file) {
        Path f = path(file);
        if (f == null || f.getFileName() == null || f.getFileName().toString().startsWith(".")) {
            return null; // the kubelet skips hidden files
        }
        Path absolute = f.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        for (Place p : places) {
            boolean match = parent != null && endsWith(parent, p.path()) || endsWith(absolute, p.path());
            if (match) {
                return "file in the static pod directory " + p.path()
                        + (p.namedBy() == null ? "" : " (named by " + p.namedBy() + ")");
            }
        }
        return null;
    }

    /** Whether {@code path} ends with the components of {@code tail} (an absolute tail matches at any depth). */
    private static boolean endsWith(Path path, Path tail) {
        Path relativeTail = tail.getRoot() == null ? tail : tail.getRoot().relativize(tail);
        return relativeTail.getNameCount() > 0 && path.endsWith(relativeTail);
    }

    private static Path path(String text) {
        if (text == null || text.isEmpty() || text.startsWith("<")) {
            return null; // <stdin>
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
