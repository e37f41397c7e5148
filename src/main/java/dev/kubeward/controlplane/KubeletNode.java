package dev.kubeward.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One kubelet's configuration: its KubeletConfiguration file (if any), the drop-ins of its
 * {@code --config-dir}, and its command line ({@code KubeletCommandLine} objects, which
 * {@code kubeward node} reads from systemd units and which can also be written by hand, or the
 * {@code kubelet-arg} list of a k3s/RKE2 configuration file), merged as the kubelet merges them:
 * drop-ins over the file in lexical order, flags over both, and the file's defaults only when
 * there is a {@code --config} file.
 *
 * @param dropIns in the order the kubelet applies them (the last one wins)
 */
public record KubeletNode(Resource config, List<Resource> dropIns, List<Resource> commandLines, Flags flags,
        Map<JsonPath, Resource> owners) {

    public static final String CONFIG_GROUP = "kubelet.config.k8s.io";
    public static final String CONFIG_KIND = "KubeletConfiguration";
    /** The kubelet reads only these files of its --config-dir (cmd/kubelet/app/server.go, mergeKubeletConfigurations). */
    public static final String DROP_IN_SUFFIX = ".conf";

    /** What the kubelet runs with for one setting, and where a finding about it belongs. */
    public record Value(String text, Resource source, JsonPath path, boolean defaulted) {
        public Optional<Boolean> bool() {
            return text == null ? Optional.empty() : Setting.parseBool(text);
        }
    }

    public static boolean isConfig(Resource r) {
        return r.kind().equals(CONFIG_KIND) && r.group().equals(CONFIG_GROUP);
    }

    /** A command line of the kubelet: written out, or the kubelet-arg list of a k3s/RKE2 file. */
    public static boolean isCommandLine(Resource r) {
        return r.kind().equals(Kinds.KUBELET_COMMAND_LINE) && r.apiVersion().equals(Kinds.KUBEWARD_API_VERSION)
                || RancherConfig.is(r);
    }

    /**
     * The kubelets of a scan. A KubeletConfiguration in a directory some command line names with
     * --config-dir (file name *.conf) is a drop-in of that command line's kubelet. Of the other
     * files, one takes every command line; with several, a command line joins the file its
     * --config names (by path suffix), and command lines matching none form a kubelet of their own.
     * A k3s/RKE2 file joins a configuration only through a --config in its kubelet-arg.
     */
    public static List<KubeletNode> all(Inventory inventory) {
        return inventory.derived(KubeletNode.class, KubeletNode::group);
    }

    private static List<KubeletNode> group(Inventory inventory) {
        List<Resource> configs = inventory.all().stream().filter(KubeletNode::isConfig).toList();
        List<Resource> lines = inventory.all().stream().filter(KubeletNode::isCommandLine).toList();
        Map<Resource, Flags> lineFlags = new IdentityHashMap<>();
        for (Resource line : lines) {
            lineFlags.put(line, parse(List.of(line), new IdentityHashMap<>()));
        }
        List<Resource> dropIns = configs.stream().filter(c -> lines.stream()
                .anyMatch(l -> isDropInOf(c, lineFlags.get(l)))).toList();
        Set<Resource> isDropIn = Collections.newSetFromMap(new IdentityHashMap<>());
        isDropIn.addAll(dropIns);
        List<Resource> mains = configs.stream().filter(c -> !isDropIn.contains(c)).toList();
        List<List<Resource>> groups = new ArrayList<>();
        List<Resource> configOf = new ArrayList<>();
        List<Resource> unmatched = new ArrayList<>(lines);
        for (Resource config : mains) {
            List<Resource> mine = new ArrayList<>();
            for (Resource line : lines) {
                String path = lineFlags.get(line).explicit("config").map(Setting::value).orElse(null);
                // A k3s/RKE2 kubelet runs on its drop-ins, not on some KubeletConfiguration that happens to be in the scan.
                boolean matches = mains.size() == 1 && !RancherConfig.is(line)
                        || (path != null && config.origin().file().endsWith(path));
                if (matches && unmatched.remove(line)) {
                    mine.add(line);
                }
            }
            groups.add(mine);
            configOf.add(config);
        }
        if (!unmatched.isEmpty()) {
            groups.add(List.copyOf(unmatched));
            configOf.add(null);
        }
        List<KubeletNode> nodes = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<Resource> mine = groups.get(i);
            List<Resource> myDropIns = dropIns.stream()
                    .filter(d -> mine.stream().anyMatch(l -> isDropInOf(d, lineFlags.get(l))))
                    .sorted(KubeletNode::dropInOrder).toList();
            nodes.add(of(configOf.get(i), myDropIns, mine));
        }
        return nodes;
    }

    /** The configuration file a command line gives the kubelet with --config (either form), if any. */
    public static Optional<String> configFile(Resource commandLine) {
        return parse(List.of(commandLine), new IdentityHashMap<>()).explicit("config").map(Setting::value)
                .filter(d -> !d.isBlank());
    }

    /** The drop-in directory a command line gives the kubelet (a k3s/RKE2 file's default included), if any. */
    public static Optional<String> configDir(Resource commandLine) {
        return parse(List.of(commandLine), new IdentityHashMap<>()).explicit("config-dir").map(Setting::value)
                .filter(d -> !d.isBlank());
    }

    /** A *.conf file anywhere under the --config-dir (the kubelet walks the directory tree). */
    static boolean isDropInOf(Resource config, Flags line) {
        String dir = line.explicit("config-dir").map(Setting::value).orElse("");
        String file = config.origin().file().replace('\\', '/');
        if (dir.isBlank() || !file.endsWith(DROP_IN_SUFFIX)) {
            return false;
        }
        String d = dir.replace('\\', '/').replaceAll("/+$", "");
        return ("/" + file).contains((d.startsWith("/") ? d : "/" + d) + "/");
    }

    /**
     * The order of filepath.WalkDir, which the kubelet uses: lexical by name at each level, so
     * {@code a/b.conf} comes before {@code a.conf} (a plain string sort would say otherwise).
     */
    static int dropInOrder(Resource a, Resource b) {
        String[] x = a.origin().file().replace('\\', '/').split("/");
        String[] y = b.origin().file().replace('\\', '/').split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return x.length != y.length ? Integer.compare(y.length, x.length) : Integer.compare(a.origin().document(), b.origin().document());
    }

    private static KubeletNode of(Resource config, List<Resource> dropIns, List<Resource> lines) {
        Map<JsonPath, Resource> owners = new IdentityHashMap<>();
        return new KubeletNode(config, dropIns, lines, parse(lines, owners), owners);
    }

    /**
     * Parses the command lines in order as one; {@code owners} learns which object each flag's
     * path (by identity: every command line has its own args[0]) belongs to.
     */
    private static Flags parse(List<Resource> lines, Map<JsonPath, Resource> owners) {
        List<FlagToken> tokens = new ArrayList<>();
        for (Resource line : lines) {
            List<FlagToken> own = RancherConfig.is(line)
                    ? RancherConfig.tokens(line, RancherConfig.argKey(Component.KUBELET),
                            RancherConfig.defaults(line, Component.KUBELET))
                    : argTokens(line);
            for (FlagToken t : own) {
                owners.put(t.path(), line);
            }
            tokens.addAll(own);
        }
        return Flags.resolve(Component.KUBELET, ControlPlaneSettings.NEWEST, FlagParser.parse(Component.KUBELET, tokens).flags());
    }

    private static List<FlagToken> argTokens(Resource line) {
        List<FlagToken> tokens = new ArrayList<>();
        JsonNode args = line.object().path("args");
        for (int i = 0; i < args.size(); i++) {
            if (args.path(i).isValueNode()) {
                tokens.add(new FlagToken(args.path(i).asText(), JsonPath.of("args").index(i)));
            }
        }
        return tokens;
    }

    public boolean involves(Resource r) {
        return r == config || commandLines.stream().anyMatch(l -> l == r) || dropIns.stream().anyMatch(d -> d == r);
    }

    /** Where findings about defaults go: the configuration file, else the command line, else a drop-in. */
    public Resource home() {
        if (config != null) {
            return config;
        }
        return commandLines.isEmpty() ? dropIns.get(0) : commandLines.get(0);
    }

    /** The setting in effect: a flag, else the last drop-in or the file that sets the field, else the default that applies. */
    public Value value(KubeletField field) {
        Optional<Setting> flag = flags.explicit(field.flag());
        if (flag.isPresent()) {
            return new Value(flag.get().value(), owner(flag.get().path()), flag.get().path(), false);
        }
        if (!field.configPath().isEmpty()) {
            Optional<Value> fromFile = fromFiles(field.configPath());
            if (fromFile.isPresent()) {
                return fromFile.get();
            }
        }
        // k3s and RKE2 generate a drop-in of their own; when it was not read, its content stands in for it.
        Resource home = home();
        if (dropIns.isEmpty() && RancherConfig.is(home)) {
            Optional<String> generated = RancherConfig.kubeletDropInDefault(home, field);
            if (generated.isPresent()) {
                return new Value(generated.get(), home, defaultPath(), true);
            }
        }
        // Without --config the kubelet starts from its legacy flag defaults, and drop-ins merge over those.
        boolean withFile = config != null || flags.isSet("config");
        return new Value(field.defaultValue(withFile), home(), defaultPath(), true);
    }

    /**
     * A feature gate as the kubelet resolves it: a gate on --feature-gates wins over the files'
     * featureGates, per gate (kubeletConfigFlagPrecedence puts back the file's other gates).
     * Unset, the text is null and the gate's own default applies.
     */
    public Value featureGate(String gate) {
        Optional<Setting> flag = flags.explicit("feature-gates");
        if (flag.isPresent() && flag.get().entries().containsKey(gate)) {
            JsonPath path = flag.get().pathOfKey(gate);
            return new Value(flag.get().entries().get(gate), owner(path), path, false);
        }
        return fromFiles(List.of("featureGates", gate)).orElse(new Value(null, home(), defaultPath(), true));
    }

    /** The last of the drop-ins, then the main file, that has the field: a JSON merge patch keeps exactly that one. */
    private Optional<Value> fromFiles(List<String> configPath) {
        List<Resource> sources = new ArrayList<>(dropIns);
        Collections.reverse(sources);
        if (config != null) {
            sources.add(config);
        }
        for (Resource source : sources) {
            JsonNode n = source.object();
            JsonPath path = JsonPath.ROOT;
            for (String key : configPath) {
                n = n.path(key);
                path = path.key(key);
            }
            if (!n.isMissingNode() && !n.isNull()) {
                return Optional.of(new Value(text(n), source, path, false));
            }
        }
        return Optional.empty();
    }

    /** A default is reported where the setting would be added: the file, or the command line's list. */
    private JsonPath defaultPath() {
        Resource home = home();
        if (isConfig(home)) {
            return JsonPath.ROOT;
        }
        return RancherConfig.is(home) ? JsonPath.of(RancherConfig.argKey(Component.KUBELET)) : JsonPath.of("args");
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
