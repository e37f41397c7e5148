package dev.kubeward.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.ConfigException;
import dev.kubeward.check.ConfigFields;
import dev.kubeward.model.JsonPath;
import dev.kubeward.netpol.IpRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The {@code runtime:} section of {@code .kubeward.yaml}: allow lists, for every detection and
 * per detection, the cluster's address ranges, which checks object rules run, and the burst
 * threshold of denied requests. Unknown keys, detection ids and check ids are errors at their line.
 *
 * @param objectChecks null for the default list ({@code ObjectChecks.DEFAULT_CHECKS})
 */
public record RuntimeConfig(
        boolean controlPlaneDefaults,
        Allow allow,
        Map<String, Allow> detectionAllow,
        Set<String> disabled,
        List<IpRange> clusterCIDRs,
        List<String> objectChecks,
        int burstThreshold,
        Duration burstWindow,
        List<String> interactiveUserAgents) {

    public static final List<String> DEFAULT_INTERACTIVE_USER_AGENTS = List.of("kubectl/", "curl/", "Wget/",
            "python-requests/", "PostmanRuntime/", "HTTPie/", "k9s/");

    public static final RuntimeConfig DEFAULT = new RuntimeConfig(true, Allow.NONE, Map.of(), Set.of(), List.of(), null,
            10, Duration.ofSeconds(60), DEFAULT_INTERACTIVE_USER_AGENTS);

    private static final Set<String> KEYS = Set.of("controlPlaneDefaults", "allow", "detections", "clusterCIDRs",
            "objectChecks", "deniedBurst", "interactiveUserAgents");
    private static final Set<String> ALLOW_KEYS = Set.of("users", "groups", "namespaces", "images", "sourceCIDRs");

    public RuntimeConfig {
        detectionAllow = Map.copyOf(detectionAllow);
        disabled = Set.copyOf(disabled);
        clusterCIDRs = List.copyOf(clusterCIDRs);
        objectChecks = objectChecks == null ? null : List.copyOf(objectChecks);
        interactiveUserAgents = List.copyOf(interactiveUserAgents);
    }

    /**
     * The users the API server's own components act as, quiet in every detection unless
     * {@code controlPlaneDefaults: false}: the API server's loopback client, the controller
     * manager and scheduler, and the controllers' own service accounts in kube-system (with
     * {@code --use-service-account-credentials}), named as kube-controller-manager names them.
     */
    public static final Allow CONTROL_PLANE = Allow.users("system:apiserver", "system:kube-controller-manager",
            "system:kube-scheduler", "system:serviceaccount:kube-system:*-controller",
            "system:serviceaccount:kube-system:generic-garbage-collector",
            "system:serviceaccount:kube-system:horizontal-pod-autoscaler",
            "system:serviceaccount:kube-system:persistent-volume-binder",
            "system:serviceaccount:kube-system:pod-garbage-collector",
            "system:serviceaccount:kube-system:root-ca-cert-publisher",
            "system:serviceaccount:kube-system:token-cleaner",
            "system:serviceaccount:kube-system:bootstrap-signer",
            "system:serviceaccount:kube-system:legacy-service-account-token-cleaner");

    /** The allow list of one detection: its own defaults and the control plane's, the global list and its own. */
    public Allow allowFor(String id, Allow detectionDefaults) {
        Allow a = controlPlaneDefaults ? CONTROL_PLANE.plus(detectionDefaults) : Allow.NONE;
        a = a.plus(allow);
        Allow own = detectionAllow.get(id);
        return own == null ? a : a.plus(own);
    }

    /**
     * Reads the section; null or missing is the default.
     *
     * @param lineOf the line of a path of the whole configuration file
     */
    public static RuntimeConfig parse(JsonNode section, String file, ToIntFunction<JsonPath> lineOf,
            Set<String> detectionIds, Set<String> checkIds) throws ConfigException {
        if (section == null || section.isNull()) {
            return DEFAULT;
        }
        Reader r = new Reader(file, lineOf);
        JsonPath root = JsonPath.of("runtime");
        r.object(section, root, KEYS);
        boolean defaults = true;
        JsonNode cp = section.get("controlPlaneDefaults");
        if (cp != null && !cp.isNull()) {
            if (!cp.isBoolean()) {
                throw r.error(root.key("controlPlaneDefaults"), "runtime.controlPlaneDefaults must be true or false");
            }
            defaults = cp.booleanValue();
        }
        Allow allow = r.allow(section.get("allow"), root.key("allow"));
        Map<String, Allow> perDetection = new HashMap<>();
        Set<String> disabled = new LinkedHashSet<>();
        JsonNode detections = section.get("detections");
        JsonPath dPath = root.key("detections");
        if (detections != null && !detections.isNull()) {
            r.object(detections, dPath, null);
            for (Iterator<Map.Entry<String, JsonNode>> it = detections.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonPath p = dPath.key(e.getKey());
                if (!detectionIds.contains(e.getKey())) {
                    throw r.error(p, "unknown detection '" + e.getKey() + "' (see 'kubeward detections')");
                }
                r.object(e.getValue(), p, Set.of("enabled", "allow"));
                JsonNode enabled = e.getValue().get("enabled");
                if (enabled != null && !enabled.isNull()) {
                    if (!enabled.isBoolean()) {
                        throw r.error(p.key("enabled"), "enabled must be true or false");
                    }
                    if (!enabled.booleanValue()) {
                        disabled.add(e.getKey());
                    }
                }
                perDetection.put(e.getKey(), r.allow(e.getValue().get("allow"), p.key("allow")));
            }
        }
        List<IpRange> cidrs = r.cidrs(section.get("clusterCIDRs"), root.key("clusterCIDRs"));
        List<String> objectChecks = null;
        JsonNode oc = section.get("objectChecks");
        if (oc != null && !oc.isNull()) {
            objectChecks = r.strings(oc, root.key("objectChecks"));
            for (int i = 0; i < objectChecks.size(); i++) {
                if (!checkIds.contains(objectChecks.get(i))) {
                    throw r.error(root.key("objectChecks").index(i), "unknown check '" + objectChecks.get(i) + "' (see 'kubeward checks')");
                }
            }
        }
        int threshold = DEFAULT.burstThreshold;
        Duration window = DEFAULT.burstWindow;
        JsonNode burst = section.get("deniedBurst");
        JsonPath bPath = root.key("deniedBurst");
        if (burst != null && !burst.isNull()) {
            r.object(burst, bPath, Set.of("threshold", "window"));
            JsonNode t = burst.get("threshold");
            if (t != null && !t.isNull()) {
                if (!t.canConvertToInt() || !t.isIntegralNumber() || t.intValue() < 2 || t.intValue() > 100_000) {
                    throw r.error(bPath.key("threshold"), "deniedBurst.threshold must be a whole number from 2 to 100000");
                }
                threshold = t.intValue();
            }
            JsonNode w = burst.get("window");
            if (w != null && !w.isNull()) {
                Instant now = Instant.EPOCH.plus(Duration.ofDays(365));
                try {
                    if (!w.isTextual()) {
                        throw new IllegalArgumentException("not text");
                    }
                    window = Duration.between(TimeWindow.parse(w.textValue(), now), now);
                } catch (IllegalArgumentException | java.time.DateTimeException e) {
                    throw r.error(bPath.key("window"), "deniedBurst.window must be a duration such as 60s or 5m");
                }
                if (window.isZero() || window.isNegative() || window.compareTo(Duration.ofDays(1)) > 0) {
                    throw r.error(bPath.key("window"), "deniedBurst.window must be longer than 0 and at most 1d");
                }
            }
        }
        List<String> agents = DEFAULT_INTERACTIVE_USER_AGENTS;
        JsonNode ua = section.get("interactiveUserAgents");
        if (ua != null && !ua.isNull()) {
            agents = r.strings(ua, root.key("interactiveUserAgents"));
        }
        return new RuntimeConfig(defaults, allow, perDetection, disabled, cidrs, objectChecks, threshold, window, agents);
    }

    private record Reader(String file, ToIntFunction<JsonPath> lineOf) {
        private ConfigFields fields() {
            return new ConfigFields(file, lineOf);
        }

        ConfigException error(JsonPath path, String message) {
            return fields().error(path, message);
        }

        void object(JsonNode node, JsonPath path, Set<String> allowed) throws ConfigException {
            fields().requireObject(node, path, allowed);
        }

        List<String> strings(JsonNode node, JsonPath path) throws ConfigException {
            return fields().strings(node, path);
        }

        List<IpRange> cidrs(JsonNode node, JsonPath path) throws ConfigException {
            List<String> texts = strings(node, path);
            List<IpRange> out = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                String t = texts.get(i);
                try {
                    out.add(t.contains("/") ? IpRange.parseCidr(t) : IpRange.parseAddress(t));
                } catch (IllegalArgumentException e) {
                    throw error(path.index(i), e.getMessage() + " (write a CIDR such as 10.0.0.0/8 or fd00::/8)");
                }
            }
            return out;
        }

        Allow allow(JsonNode node, JsonPath path) throws ConfigException {
            if (node == null || node.isNull()) {
                return Allow.NONE;
            }
            object(node, path, ALLOW_KEYS);
            return new Allow(strings(node.get("users"), path.key("users")), strings(node.get("groups"), path.key("groups")),
                    strings(node.get("namespaces"), path.key("namespaces")), strings(node.get("images"), path.key("images")),
                    cidrs(node.get("sourceCIDRs"), path.key("sourceCIDRs")));
        }
    }
}
