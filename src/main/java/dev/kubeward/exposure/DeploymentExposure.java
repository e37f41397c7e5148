package dev.kubeward.exposure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.checks.network.NetpolModel;
import dev.kubeward.checks.rbac.RbacScan;
import dev.kubeward.model.Container;
import dev.kubeward.model.Field;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Json;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import dev.kubeward.netpol.Connection;
import dev.kubeward.netpol.IngressBackend;
import dev.kubeward.netpol.Service;
import dev.kubeward.netpol.Workload;
import dev.kubeward.rbac.EscalationPath;
import dev.kubeward.rbac.Subject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * How every container of an inventory's workloads is deployed ({@link Exposure}), from the engines'
 * own models: network reach from the NetworkPolicy reachability model ({@link NetpolModel}: the
 * connections it allows from external ranges and from the ingress controller), RBAC from the
 * escalation analysis ({@link RbacScan}), privilege and user from the pod spec as the kubelet applies
 * it (the container's securityContext over the pod's).
 */
public final class DeploymentExposure {
    private final List<Exposure> exposures;

    private DeploymentExposure(List<Exposure> exposures) {
        this.exposures = List.copyOf(exposures);
    }

    /** Every container (init and ephemeral ones included) of the workloads among {@code targets}, in input order. */
    public static DeploymentExposure of(Inventory inventory, List<Resource> targets) {
        NetpolModel netpol = NetpolModel.of(inventory);
        Network network = new Network(inventory, netpol);
        RbacScan rbac = RbacScan.of(inventory);
        List<Exposure> out = new ArrayList<>();
        for (Resource r : targets) {
            for (PodTemplate pod : inventory.podTemplates(r)) {
                List<Reason> podReasons = new ArrayList<>();
                network.reasons(r).ifPresent(podReasons::add);
                hostNamespaces(pod).ifPresent(podReasons::add);
                rbac(pod, inventory, rbac).ifPresent(podReasons::add);
                for (Container c : pod.containers()) {
                    if (c.image() == null) {
                        continue;
                    }
                    List<Reason> reasons = new ArrayList<>(podReasons.size() + 2);
                    for (Reason reason : podReasons) {
                        if (reason.factor() == Factor.PRIVILEGED) {
                            continue;
                        }
                        reasons.add(reason);
                    }
                    Optional<Reason> privileged = privileged(c);
                    if (privileged.isPresent()) {
                        reasons.add(privileged.get());
                    } else {
                        podReasons.stream().filter(p -> p.factor() == Factor.PRIVILEGED).findFirst().ifPresent(reasons::add);
                    }
                    root(pod, c).ifPresent(reasons::add);
                    reasons.sort(java.util.Comparator.comparing(Reason::factor));
                    out.add(new Exposure(r, c, c.path().key("image"), reasons));
                }
            }
        }
        return new DeploymentExposure(out);
    }

    public List<Exposure> all() {
        return exposures;
    }

    /** The containers that run an image, named as the manifests name it. */
    public List<Exposure> running(String image) {
        return exposures.stream().filter(e -> image.equals(e.container().image())).toList();
    }

    /** The images the workloads name, in input order, each once. */
    public List<String> images() {
        return exposures.stream().map(e -> e.container().image()).distinct().toList();
    }

    // ------------------------------------------------------------ privilege and user

    private static Optional<Reason> privileged(Container c) {
        if (Json.isTrue(c.securityContext().get("privileged"))) {
            return Optional.of(new Reason(Factor.PRIVILEGED, c.describe() + " is privileged"));
        }
        JsonNode add = c.securityContext().path("capabilities").path("add");
        for (JsonNode cap : add) {
            String name = Json.text(cap);
            if (name != null && (name.equalsIgnoreCase("SYS_ADMIN") || name.equalsIgnoreCase("CAP_SYS_ADMIN")
                    || name.equalsIgnoreCase("ALL"))) {
                return Optional.of(new Reason(Factor.PRIVILEGED, c.describe() + " adds capability " + name));
            }
        }
        return Optional.empty();
    }

    private static Optional<Reason> hostNamespaces(PodTemplate pod) {
        List<String> shared = new ArrayList<>();
        for (String f : List.of("hostPID", "hostIPC", "hostNetwork")) {
            if (Json.isTrue(pod.spec().get(f))) {
                shared.add(f);
            }
        }
        return shared.isEmpty() ? Optional.empty()
                : Optional.of(new Reason(Factor.PRIVILEGED, "the pod sets " + String.join(", ", shared)));
    }

    private static Optional<Reason> root(PodTemplate pod, Container c) {
        if (pod.isWindows()) {
            return Optional.empty();
        }
        Field user = c.effectiveSecurity("runAsUser");
        if (user.present()) {
            OptionalLong uid = Json.integer(user.value());
            if (uid.isPresent() && uid.getAsLong() == 0) {
                return Optional.of(new Reason(Factor.ROOT, c.describe() + " runs as UID 0 (runAsUser: 0)"));
            }
            return Optional.empty();
        }
        if (Json.isTrue(c.effectiveSecurity("runAsNonRoot").value())) {
            return Optional.empty();
        }
        return Optional.of(new Reason(Factor.ROOT, c.describe()
                + " sets neither runAsUser nor runAsNonRoot: it runs as the image's USER, root unless the image says otherwise"));
    }

    // ------------------------------------------------------------ RBAC

    private static Optional<Reason> rbac(PodTemplate pod, Inventory inventory, RbacScan rbac) {
        if (pod.isStatic()) {
            return Optional.empty();
        }
        String namespace = pod.owner().namespace();
        String account = Json.nonEmptyText(pod.spec().get("serviceAccountName"));
        if (account == null) {
            account = Json.nonEmptyText(pod.spec().get("serviceAccount"));
        }
        if (account == null) {
            account = "default";
        }
        if (!tokenMounted(pod, inventory, namespace, account)) {
            return Optional.empty();
        }
        Subject subject = Subject.serviceAccount(namespace, account);
        if (rbac.isClusterAdmin(subject)) {
            return Optional.of(new Reason(Factor.RBAC_ESCALATION, "its ServiceAccount " + namespace + "/" + account
                    + " holds cluster-admin-equivalent power"));
        }
        Optional<EscalationPath> path = rbac.escalations().pathFor(subject);
        if (path.isEmpty() || path.get().steps().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Reason(Factor.RBAC_ESCALATION, "its ServiceAccount " + namespace + "/" + account
                + " can reach cluster-admin in " + path.get().steps().size() + " step(s)"
                + (path.get().speculative() ? " if what its speculative steps assume holds" : "")
                + ": " + path.get().steps().get(0)));
    }

    /** The pod's automountServiceAccountToken wins over the ServiceAccount's, as in the admission plugin; default true. */
    private static boolean tokenMounted(PodTemplate pod, Inventory inventory, String namespace, String account) {
        JsonNode own = pod.spec().get("automountServiceAccountToken");
        if (own != null && own.isBoolean()) {
            return own.booleanValue();
        }
        Optional<Resource> sa = inventory.find("ServiceAccount", namespace, account);
        if (sa.isPresent()) {
            JsonNode v = sa.get().object().get("automountServiceAccountToken");
            if (v != null && v.isBoolean()) {
                return v.booleanValue();
            }
        }
        return true;
    }

    // ------------------------------------------------------------ network

    /** Network reach per workload object, from the reachability model's allowed connections. */
    private static final class Network {
        private final NetpolModel model;
        private final Map<Resource, Workload> workloadOf = new IdentityHashMap<>();
        private final Map<String, Set<String>> externalSources = new HashMap<>();
        private final Set<String> fromController = new TreeSet<>();
        private final Map<String, List<String>> exposedBy = new LinkedHashMap<>();

        Network(Inventory inventory, NetpolModel model) {
            this.model = model;
            for (Workload w : model.cluster().workloads()) {
                model.resourceOf(w).ifPresent(r -> workloadOf.putIfAbsent(r, w));
            }
            if (workloadOf.isEmpty()) {
                return;
            }
            model.reachability().forEachConnection(c -> {
                if (Connection.isExternal(c.src())) {
                    externalSources.computeIfAbsent(c.dst(), k -> new TreeSet<>()).add(c.src());
                } else if (c.src().equals(Connection.INGRESS_CONTROLLER)) {
                    fromController.add(c.dst());
                }
            });
            Map<String, Service> services = new HashMap<>();
            for (Service s : model.cluster().services()) {
                services.put(s.namespace() + "/" + s.name(), s);
            }
            for (Resource svc : inventory.ofKind("Service")) {
                if (!svc.apiVersion().equals("v1")) {
                    continue;
                }
                String type = Json.text(svc.object().path("spec").get("type"));
                if (!"LoadBalancer".equals(type) && !"NodePort".equals(type)) {
                    continue;
                }
                Service s = services.get(svc.namespace() + "/" + svc.name());
                if (s == null) {
                    continue;
                }
                for (Workload w : model.cluster().workloads()) {
                    if (s.selects(w)) {
                        exposedBy.computeIfAbsent(w.id(), k -> new ArrayList<>())
                                .add("Service " + svc.namespace() + "/" + svc.name() + " (type " + type + ")");
                    }
                }
            }
            for (IngressBackend b : model.cluster().ingressBackends()) {
                Service s = services.get(b.namespace() + "/" + b.serviceName());
                if (s == null) {
                    continue;
                }
                for (Workload w : model.cluster().workloads()) {
                    if (s.selects(w)) {
                        List<String> by = exposedBy.computeIfAbsent(w.id(), k -> new ArrayList<>());
                        String name = "Ingress " + b.namespace() + "/" + b.ingressName();
                        if (!by.contains(name)) {
                            by.add(name);
                        }
                    }
                }
            }
        }

        Optional<Reason> reasons(Resource r) {
            Workload w = workloadOf.get(r);
            if (w == null) {
                return Optional.empty();
            }
            Set<String> external = externalSources.getOrDefault(w.id(), Set.of());
            List<String> by = exposedBy.getOrDefault(w.id(), List.of());
            boolean hostNetwork = model.reachability().onNodeNetwork(w);
            List<String> admitted = new ArrayList<>();
            for (String e : by) {
                boolean viaIngress = e.startsWith("Ingress ");
                if (viaIngress ? fromController.contains(w.id()) || !external.isEmpty() : !external.isEmpty() || hostNetwork) {
                    admitted.add(e);
                }
            }
            if (!admitted.isEmpty()) {
                return Optional.of(new Reason(Factor.INTERNET_FACING, "exposed by " + String.join(", ", admitted)
                        + (external.isEmpty() ? "" : " and NetworkPolicies admit " + sources(external))));
            }
            if (!external.isEmpty()) {
                return Optional.of(new Reason(Factor.NETWORK_OPEN, (model.reachability().isIsolated(w, dev.kubeward.netpol.Direction.INGRESS)
                        ? "NetworkPolicies admit " : "no NetworkPolicy isolates its ingress: it admits ") + sources(external)));
            }
            return Optional.empty();
        }

        private static String sources(Set<String> external) {
            List<String> names = external.stream().map(e -> e.substring(0, e.length() - Connection.EXTERNAL_SUFFIX.length())).toList();
            boolean everything = names.contains("0.0.0.0-255.255.255.255");
            if (everything) {
                return "every address outside the cluster";
            }
            String shown = String.join(", ", names.stream().limit(3).toList());
            return "connections from outside the cluster (" + shown + (names.size() > 3 ? " and " + (names.size() - 3) + " more" : "") + ")";
        }
    }
}
