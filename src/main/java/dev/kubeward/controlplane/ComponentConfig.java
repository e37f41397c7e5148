package dev.kubeward.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Container;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.KubernetesVersion;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A control-plane component found in a pod (usually a kubeadm static pod in kube-system) or in a
 * k3s/RKE2 configuration file: which binary runs, its parsed flags, and the Kubernetes version
 * its defaults follow.
 *
 * @param at where a missing flag would be added: the container, or the file's argument list
 * @param label how messages name where it runs ({@code container "kube-apiserver"})
 */
public record ComponentConfig(Component component, JsonPath at, String label, Flags flags, List<FlagProblem> problems) {

    /** Every component run by a container of this object's pod, in container order, or configured by a k3s/RKE2 file. */
    public static List<ComponentConfig> of(Resource resource, ControlPlaneSettings settings) {
        List<ComponentConfig> out = new ArrayList<>();
        if (RancherConfig.is(resource)) {
            return ofRancher(resource, settings);
        }
        Optional<PodTemplate> pod = PodTemplate.of(resource);
        if (pod.isEmpty()) {
            return out;
        }
        for (Container c : pod.get().containers()) {
            recognise(c).ifPresent(found -> out.add(build(c, found, settings)));
        }
        return out;
    }

    /** Where a flag was written, or where it would be added when it was not. */
    public JsonPath where(String flag) {
        return flags.explicit(flag).map(Setting::path).orElse(at);
    }

    public String describe() {
        return component.binary() + " (" + label + ")";
    }

    /**
     * The control plane a k3s or RKE2 server runs, from the file's argument lists over the
     * distribution's defaults. etcd is left out: both distributions configure it from a struct
     * or a config file, not from flags kubeward could read.
     */
    private static List<ComponentConfig> ofRancher(Resource resource, ControlPlaneSettings settings) {
        List<ComponentConfig> out = new ArrayList<>();
        if (!RancherConfig.isServer(resource)) {
            return out;
        }
        KubernetesVersion version = settings.kubernetesVersion().orElse(ControlPlaneSettings.NEWEST);
        for (Component k : List.of(Component.API_SERVER, Component.CONTROLLER_MANAGER, Component.SCHEDULER)) {
            String key = RancherConfig.argKey(k);
            List<FlagToken> tokens = RancherConfig.tokens(resource, key, RancherConfig.defaults(resource, k));
            FlagParser.Result parsed = FlagParser.parse(k, tokens);
            out.add(new ComponentConfig(k, JsonPath.of(key), RancherConfig.distribution(resource).id() + " " + key,
                    Flags.resolve(k, version, parsed.flags()), parsed.problems()));
        }
        return out;
    }

    private record Recognised(Component component, List<FlagToken> tokens) {}

    /**
     * Finds the binary: command[0] (a path's last part, or hyperkube's subcommand), else the
     * image name when the image's entrypoint is the binary and only args are given.
     */
    static Optional<Recognised> recognise(Container c) {
        List<FlagToken> command = tokens(c, "command");
        List<FlagToken> args = tokens(c, "args");
        List<FlagToken> all = new ArrayList<>(command);
        all.addAll(args);
        if (!all.isEmpty()) {
            int start = 0;
            // A shell wrapper (sh -c "kube-apiserver ...") hides the command line; it is not read.
            String first = baseName(all.get(0).text());
            if (first.equals("hyperkube") && all.size() > 1) {
                start = 1;
                first = baseName(all.get(1).text());
            }
            Component byCommand = byName(first, start == 1);
            if (byCommand != null && !command.isEmpty()) {
                return Optional.of(new Recognised(byCommand, all.subList(start + 1, all.size())));
            }
        }
        if (command.isEmpty()) {
            Component byImage = byImage(c.image());
            if (byImage != null) {
                return Optional.of(new Recognised(byImage, args));
            }
        }
        return Optional.empty();
    }

    private static ComponentConfig build(Container c, Recognised found, ControlPlaneSettings settings) {
        List<FlagToken> tokens = new ArrayList<>(envTokens(c, found.component()));
        tokens.addAll(found.tokens());
        FlagParser.Result parsed = FlagParser.parse(found.component(), tokens);
        KubernetesVersion version = KubernetesVersion.fromImage(c.image())
                .or(settings::kubernetesVersion)
                .orElse(ControlPlaneSettings.NEWEST);
        return new ComponentConfig(found.component(), c.path(), c.describe(),
                Flags.resolve(found.component(), version, parsed.flags()), parsed.problems());
    }

    /**
     * etcd also reads ETCD_CLIENT_CERT_AUTH and friends from its environment; a flag on the
     * command line shadows the variable, so variables are read first and flags win.
     */
    private static List<FlagToken> envTokens(Container c, Component component) {
        List<FlagToken> out = new ArrayList<>();
        JsonNode env = c.node().get("env");
        if (component != Component.ETCD || env == null || !env.isArray()) {
            return out;
        }
        for (int i = 0; i < env.size(); i++) {
            String name = Json.text(env.path(i).get("name"));
            String value = Json.text(env.path(i).get("value"));
            if (name != null && value != null && name.startsWith("ETCD_") && name.length() > 5) {
                String flag = name.substring(5).toLowerCase(Locale.ROOT).replace('_', '-');
                out.add(new FlagToken("--" + flag + "=" + value, c.path().key("env").index(i)));
            }
        }
        return out;
    }

    private static List<FlagToken> tokens(Container c, String field) {
        List<FlagToken> out = new ArrayList<>();
        JsonNode list = c.node().get(field);
        if (list == null || !list.isArray()) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.path(i);
            // The API server turns YAML numbers and booleans in command/args into strings.
            String text = n.isValueNode() ? n.asText() : null;
            if (text != null) {
                out.add(new FlagToken(text, c.path().key(field).index(i)));
            }
        }
        return out;
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** Short aliases ("apiserver") count only as hyperkube's subcommands, not as a binary's name. */
    private static Component byName(String name, boolean hyperkube) {
        for (Component k : Component.values()) {
            if (k != Component.KUBELET && (hyperkube ? k.names().contains(name) : k.binary().equals(name))) {
                return k;
            }
        }
        return null;
    }

    /** registry.k8s.io/kube-apiserver:v1.30.2, k8s.gcr.io/kube-apiserver-amd64:v1.19.0, quay.io/coreos/etcd. */
    static Component byImage(String image) {
        if (image == null) {
            return null;
        }
        String ref = image;
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
        }
        int colon = ref.lastIndexOf(':');
        if (colon > ref.lastIndexOf('/')) {
            ref = ref.substring(0, colon);
        }
        String name = baseName(ref).replaceAll("-(amd64|arm64|arm|ppc64le|s390x)$", "");
        for (Component k : Component.values()) {
            if (k != Component.KUBELET && k.binary().equals(name)) {
                return k;
            }
        }
        return null;
    }
}
