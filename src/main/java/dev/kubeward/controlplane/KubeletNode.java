package dev.kubeward.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kubelet's configuration: its KubeletConfiguration file (if any) and its command line
 * ({@code KubeletCommandLine} objects, which {@code kubeward node} reads from systemd units and
 * which can also be written by hand), merged as the kubelet merges them: flags override the file,
 * and the file's defaults apply only when there is a file.
 */
public record KubeletNode(Resource config, List<Resource> commandLines, Flags flags, Map<JsonPath, Resource> owners) {

    public static final String CONFIG_GROUP = "kubelet.config.k8s.io";
    public static final String CONFIG_KIND = "KubeletConfiguration";
    public static final String COMMAND_LINE_API_VERSION = "kubeward.dev/v1";
    public static final String COMMAND_LINE_KIND = "KubeletCommandLine";

    /** What the kubelet runs with for one setting, and where a finding about it belongs. */
    public record Value(String text, Resource source, JsonPath path, boolean defaulted) {
        public Optional<Boolean> bool() {
            return text == null ? Optional.empty() : Setting.parseBool(text);
        }
    }

    public static boolean isConfig(Resource r) {
        return r.kind().equals(CONFIG_KIND) && r.group().equals(CONFIG_GROUP);
    }

    public static boolean isCommandLine(Resource r) {
        return r.kind().equals(COMMAND_LINE_KIND) && r.apiVersion().equals(COMMAND_LINE_API_VERSION);
    }

    /**
     * The kubelets of a scan. One configuration file takes every command line; with several,
     * a command line joins the file its --config names (by path suffix), and command lines
     * matching none form a kubelet of their own.
     */
    public static List<KubeletNode> all(Inventory inventory) {
        return inventory.derived(KubeletNode.class, KubeletNode::group);
    }

    private static List<KubeletNode> group(Inventory inventory) {
        List<Resource> configs = inventory.all().stream().filter(KubeletNode::isConfig).toList();
        List<Resource> lines = inventory.all().stream().filter(KubeletNode::isCommandLine).toList();
        List<KubeletNode> nodes = new ArrayList<>();
        List<Resource> unmatched = new ArrayList<>(lines);
        for (Resource config : configs) {
            List<Resource> mine = new ArrayList<>();
            for (Resource line : lines) {
                String path = parse(List.of(line), new IdentityHashMap<>()).explicit("config").map(Setting::value)
                        .orElse(null);
                boolean matches = configs.size() == 1 || (path != null && config.origin().file().endsWith(path));
                if (matches && unmatched.remove(line)) {
                    mine.add(line);
                }
            }
            nodes.add(of(config, mine));
        }
        if (!unmatched.isEmpty()) {
            nodes.add(of(null, List.copyOf(unmatched)));
        }
        return nodes;
    }

    private static KubeletNode of(Resource config, List<Resource> lines) {
        Map<JsonPath, Resource> owners = new IdentityHashMap<>();
        return new KubeletNode(config, lines, parse(lines, owners), owners);
    }

    /**
     * Parses the command lines in order as one; {@code owners} learns which object each flag's
     * path (by identity: every command line has its own args[0]) belongs to.
     */
    private static Flags parse(List<Resource> lines, Map<JsonPath, Resource> owners) {
        List<FlagToken> tokens = new ArrayList<>();
        for (Resource line : lines) {
            JsonNode args = line.object().path("args");
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).isValueNode()) {
                    JsonPath path = JsonPath.of("args").index(i);
                    owners.put(path, line);
                    tokens.add(new FlagToken(args.get(i).asText(), path));
                }
            }
        }
        return Flags.resolve(Component.KUBELET, KubeVersion.NEWEST, FlagParser.parse(Component.KUBELET, tokens).flags());
    }

    public boolean involves(Resource r) {
        return r == config || commandLines.stream().anyMatch(l -> l == r);
    }

    /** Where findings about defaults go: the configuration file, else the command line. */
    public Resource home() {
        return config != null ? config : commandLines.get(0);
    }

    /** The setting in effect: a flag, else the file's field, else the default that applies. */
    public Value value(KubeletField field) {
        Optional<Setting> flag = flags.explicit(field.flag());
        if (flag.isPresent()) {
            return new Value(flag.get().value(), owner(flag.get().path()), flag.get().path(), false);
        }
        if (config != null && !field.configPath().isEmpty()) {
            JsonNode n = config.object();
            JsonPath path = JsonPath.ROOT;
            for (String key : field.configPath()) {
                n = n.path(key);
                path = path.key(key);
            }
            if (!n.isMissingNode() && !n.isNull()) {
                return new Value(text(n), config, path, false);
            }
        }
        boolean withFile = config != null || flags.isSet("config");
        // A default is reported where the setting would be added: the file, or the command line's args.
        Resource home = home();
        return new Value(field.defaultValue(withFile), home, isConfig(home) ? JsonPath.ROOT : JsonPath.of("args"), true);
    }

    private Resource owner(JsonPath path) {
        return owners.getOrDefault(path, home());
    }

    private static String text(JsonNode n) {
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(e -> parts.add(e.asText()));
            return String.join(",", parts);
        }
        return n.asText();
    }
}
