package dev.kubeward.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Container;
import dev.kubeward.model.EmbeddedDocuments;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where kube-proxy's metrics endpoint listens, from every place kube-proxy is configured:
 * a KubeProxyConfiguration document, the one kubeadm embeds in the kube-proxy ConfigMap (a YAML
 * string under {@code config.conf}), a kube-proxy container's {@code --metrics-bind-address},
 * and a k3s/RKE2 file's {@code kube-proxy-arg}.
 */
public final class KubeProxyMetrics {
    public static final String CONFIG_GROUP = "kubeproxy.config.k8s.io";
    public static final String CONFIG_KIND = "KubeProxyConfiguration";
    public static final String FLAG = "metrics-bind-address";
    /** The default of both the flag and the v1alpha1 field; an empty field means the default too. */
    public static final String DEFAULT = "127.0.0.1:10249";

    /** One setting found: its value as written, and where a finding about it belongs. */
    public record Address(String value, JsonPath path, String where) {}

    private KubeProxyMetrics() {}

    public static List<Address> of(Resource r) {
        List<Address> out = new ArrayList<>();
        if (r.kind().equals(CONFIG_KIND) && r.group().equals(CONFIG_GROUP)) {
            field(r.object(), JsonPath.ROOT, "KubeProxyConfiguration").ifPresent(out::add);
        } else if (r.kind().equals("ConfigMap") && r.apiVersion().equals("v1")) {
            embedded(r, out);
        } else if (RancherConfig.is(r)) {
            Map<String, String> none = Map.of();
            flag(RancherConfig.tokens(r, RancherConfig.KUBE_PROXY_ARG, none), RancherConfig.distribution(r).id() + " "
                    + RancherConfig.KUBE_PROXY_ARG).ifPresent(out::add);
        } else {
            PodTemplate.of(r).ifPresent(pod -> {
                for (Container c : pod.containers()) {
                    containerFlags(c).flatMap(tokens -> flag(tokens, "kube-proxy (" + c.describe() + ")")).ifPresent(out::add);
                }
            });
        }
        return out;
    }

    /**
     * Whether an address binds only the loopback interface: {@code 127.0.0.1:10249},
     * {@code [::1]:10249}, {@code localhost:10249}. An empty host ({@code :10249}) means every
     * interface. The empty string as a whole means the default, which is loopback.
     */
    public static boolean isLoopback(String address) {
        String a = address.strip();
        if (a.isEmpty()) {
            return true;
        }
        String host;
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            host = close < 0 ? a.substring(1) : a.substring(1, close);
        } else if (a.indexOf(':') >= 0 && a.indexOf(':') == a.lastIndexOf(':')) {
            host = a.substring(0, a.indexOf(':'));
        } else {
            host = a;
        }
        return Addresses.isLoopbackHost(host);
    }

    private static Optional<Address> field(JsonNode config, JsonPath at, String where) {
        JsonNode v = config.get("metricsBindAddress");
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new Address(v.isValueNode() ? v.asText() : v.toString(), at.key("metricsBindAddress"), where));
    }

    /** kubeadm's ConfigMap kube-system/kube-proxy carries the configuration as text; any key whose text is one counts. */
    private static void embedded(Resource r, List<Address> out) {
        JsonNode data = r.object().path("data");
        data.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (!v.isTextual() || !v.textValue().contains(CONFIG_KIND)) {
                return;
            }
            JsonNode doc = EmbeddedDocuments.reader().readYaml(v.textValue()).orElse(null);
            if (doc == null || !doc.isObject() || !CONFIG_KIND.equals(doc.path("kind").asText())) {
                return;
            }
            // The embedded document's lines are not the ConfigMap's: the finding points at the key holding it.
            field(doc, JsonPath.ROOT, "ConfigMap key " + e.getKey())
                    .map(a -> new Address(a.value(), JsonPath.of("data").key(e.getKey()), a.where()))
                    .ifPresent(out::add);
        });
    }

    /** The container's flags when it runs kube-proxy: command[0] is kube-proxy, or only args are given to a kube-proxy image. */
    private static Optional<List<FlagToken>> containerFlags(Container c) {
        // Every container of the scan passes here; only a kube-proxy binary or image is read further.
        String firstWord = c.node().path("command").path(0).asText("");
        if (!firstWord.contains("kube-proxy") && (c.image() == null || !c.image().contains("kube-proxy"))) {
            return Optional.empty();
        }
        List<FlagToken> command = tokens(c, "command");
        List<FlagToken> args = tokens(c, "args");
        if (!command.isEmpty() && baseName(command.get(0).text()).equals("kube-proxy")) {
            List<FlagToken> all = new ArrayList<>(command.subList(1, command.size()));
            all.addAll(args);
            return Optional.of(all);
        }
        String image = c.image() == null ? "" : c.image().replaceAll("[:@].*$", "");
        if (command.isEmpty() && baseName(image).equals("kube-proxy")) {
            return Optional.of(args);
        }
        return Optional.empty();
    }

    /**
     * The last --metrics-bind-address, in either form pflag accepts; none when kube-proxy runs
     * with --config, since it then ignores the flag ("This parameter is ignored if a config file
     * is specified by --config") and the file's metricsBindAddress is what counts.
     */
    private static Optional<Address> flag(List<FlagToken> tokens, String where) {
        Address found = null;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).text();
            if (t.equals("--config") || t.startsWith("--config=")) {
                return Optional.empty();
            }
            if (t.startsWith("--" + FLAG + "=")) {
                found = new Address(t.substring(FLAG.length() + 3), tokens.get(i).path(), where);
            } else if (t.equals("--" + FLAG) && i + 1 < tokens.size()) {
                found = new Address(tokens.get(i + 1).text(), tokens.get(i).path(), where);
            }
        }
        return Optional.ofNullable(found);
    }

    private static List<FlagToken> tokens(Container c, String field) {
        List<FlagToken> out = new ArrayList<>();
        JsonNode list = c.node().get(field);
        if (list != null && list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                if (list.path(i).isValueNode() && !list.path(i).isNull()) {
                    out.add(new FlagToken(list.path(i).asText(), c.path().key(field).index(i)));
                }
            }
        }
        return out;
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
