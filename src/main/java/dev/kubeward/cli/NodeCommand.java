package dev.kubeward.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.ConfigException;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;
import dev.kubeward.controlplane.NodeFileRule;
import dev.kubeward.controlplane.RancherConfig;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Origin;
import dev.kubeward.model.Resource;
import dev.kubeward.report.RenderOptions;
import dev.kubeward.report.PolicyReportReporter;
import dev.kubeward.report.PolicyReports;
import dev.kubeward.report.Reporter;
import dev.kubeward.report.ScanReport;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.node.KubeletUnitReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "node", sortOptions = false,
        description = {
            "Audit a node the way the CIS Kubernetes Benchmark does (sections 1-4): the static pods in /etc/kubernetes/manifests, the kubelet's configuration file, --config-dir drop-ins and systemd unit, a k3s or RKE2 /etc/rancher/*/config.yaml, and the ownership and permissions of kubeadm's files.",
            "",
            "Run it on the node, or point --root at a copy of the node's files. Files that are not there are reported as info (a worker has no control-plane manifests)."
        },
        footer = {"", "Examples:",
            "  sudo kubeward node",
            "  kubeward node --root /mnt/node-backup --format sarif --fail-on medium",
            "  kubeward node --cluster --kube-context prod [--node NAME]   (each kubelet's live configuration, from /configz)"})
final class NodeCommand implements Callable<Integer>, OutputOptions.Reporting {
    private static final List<String> UNIT_DIRS = List.of("/lib/systemd/system", "/usr/lib/systemd/system",
            "/etc/systemd/system");
    /** The check families of CIS sections 1 to 4, which is what a node audit is about. */
    private static final Set<String> NODE_CATEGORIES = Set.of("Control plane", "etcd", "Kubelet", "Kube-proxy", "Node files");
    private static final String DEFAULT_KUBELET_CONFIG = "/var/lib/kubelet/config.yaml";

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
            description = "the node's root directory, or a copy of its files (default: ${DEFAULT-VALUE})")
    Path root;

    @Mixin
    SeverityOptions severity;

    @Option(names = "--owner", paramLabel = "USER:GROUP",
            description = "the owner files must have instead of CIS's root:root (and etcd:etcd for etcd's data), e.g. for a copy of the files made without root")
    String owner;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    PolicyReportOptions policyReports;

    @Option(names = "--node", paramLabel = "NAME",
            description = "with --cluster: the node whose kubelet to audit (repeatable; default: every node)")
    List<String> nodes = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public List<String> formats() {
        return Reporter.FORMATS;
    }

    @Override
    public Integer call() throws IOException {
        String format = output.format();
        PrintWriter err = spec.commandLine().getErr();
        cluster.check(spec, null, !root.equals(Path.of("/")));
        PolicyReports.Api api = policyReports.api(spec, format, cluster.cluster);
        if (!nodes.isEmpty() && !cluster.cluster) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--node needs --cluster");
        }
        if (!Files.isDirectory(root)) {
            err.println(root + ": not a directory");
            return ExitCodes.USAGE;
        }
        CheckRegistry all = CheckRegistry.builtIn();
        // Static pods need hostNetwork and root; workload checks would bury the CIS findings in noise.
        CheckRegistry registry = all.only(meta -> NODE_CATEGORIES.contains(meta.category()));
        ConfigFiles.Loaded loadedConfig;
        try {
            loadedConfig = configOptions.load(all.ids(), output);
        } catch (ConfigException e) {
            err.println(e);
            return ExitCodes.USAGE;
        }
        if (cluster.cluster) {
            return live(all, loadedConfig, api, err);
        }
        List<InputError> errors = new ArrayList<>();
        List<Path> units = kubeletUnitFiles();
        List<Resource> resources = new ArrayList<>();
        try {
            resources.addAll(KubeletUnitReader.read(units, root, this::nodePath));
        } catch (IOException e) {
            errors.add(new InputError(units.isEmpty() ? "kubelet.service" : nodePath(units.get(0)), 0, e.getMessage()));
        }
        String kubeletConfig = kubeletConfigPath(resources);
        List<String> manifests = new ArrayList<>(listYaml(onNode("/etc/kubernetes/manifests")));
        if (Files.isRegularFile(onNode(kubeletConfig))) {
            manifests.add(onNode(kubeletConfig).toString());
        }
        // k3s and RKE2 have no static pods or kubelet unit to read: their one file carries every component's flags.
        for (RancherConfig.Distribution d : RancherConfig.Distribution.values()) {
            Path file = onNode("/etc/rancher/" + d.id() + "/config.yaml");
            if (Files.isRegularFile(file)) {
                manifests.add(file.toString());
            }
        }
        LoadResult loaded = new ManifestLoader().load(manifests);
        errors.addAll(loaded.errors());
        resources.addAll(loaded.resources());
        List<String> dropIns = kubeletDropIns(resources);
        LoadResult loadedDropIns = new ManifestLoader().load(dropIns);
        errors.addAll(loadedDropIns.errors());
        resources.addAll(loadedDropIns.resources());
        manifests.addAll(dropIns);
        resources.addAll(nodeFiles(units, kubeletConfig, clientCaFile(resources), dropIns));

        Config cfg = loadedConfig.config();
        Scanner scanner = new Scanner(registry, cfg);
        List<Finding> findings = scanner.scan(new Inventory(resources, cfg.workloadKinds()));
        ScanReport report = new ScanReport(Version.VERSION, findings, ScanCommand.effectiveRules(scanner, cfg),
                resources.stream().map(r -> new ScanReport.ScannedObject(r.ref(), r.origin().file(),
                        r.locate(JsonPath.ROOT).line())).toList(),
                errors, manifests.size() + units.size(), severity.failOn.severity());
        for (InputError e : errors) {
            err.println(e);
        }
        Environment env = Main.environment(spec);
        RenderOptions options = ScanCommand.renderOptions(format, output, severity, loadedConfig, cfg, env,
                SourceRoot.of(env, List.of(root.toString())));
        Reporter reporter = format.equals("policyreport") ? new PolicyReportReporter(api, java.time.Instant::now,
                PolicyReports.KUBELETS, policyReports.pass) : Reporter.forFormat(format);
        output.write(out -> reporter.write(report, options, out));
        if (!errors.isEmpty()) {
            return ExitCodes.USAGE;
        }
        return report.thresholdReached() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /**
     * {@code --cluster}: each node's kubelet as it runs, from its {@code /configz} through the API
     * server (flags, drop-ins and defaults already merged by the kubelet), judged by the kubelet
     * checks; findings name {@code cluster:CONTEXT/Node/NAME/configz} and the JSON path.
     */
    private Integer live(CheckRegistry all, ConfigFiles.Loaded loadedConfig, PolicyReports.Api api, PrintWriter err)
            throws IOException {
        String format = output.format();
        ClusterOptions.Input live = cluster.kubelets(nodes, output, err);
        if (live == null) {
            return ExitCodes.USAGE;
        }
        List<Resource> resources = live.targets();
        // The node's files are not in the API: only the kubelet's own settings can be judged.
        CheckRegistry registry = all.only(meta -> meta.category().equals("Kubelet"));
        Config cfg = loadedConfig.config();
        Scanner scanner = new Scanner(registry, cfg);
        List<Finding> findings = scanner.scan(new Inventory(resources, cfg.workloadKinds()));
        ScanReport report = new ScanReport(Version.VERSION, findings, ScanCommand.effectiveRules(scanner, cfg),
                resources.stream().map(r -> new ScanReport.ScannedObject(r.ref(), r.origin().file(), 0)).toList(),
                List.of(), 1, severity.failOn.severity(), List.of(), null, output.unread());
        Environment env = Main.environment(spec);
        RenderOptions options = ScanCommand.renderOptions(format, output, severity, loadedConfig, cfg, env,
                SourceRoot.of(env, List.of()));
        java.time.Instant time = java.time.Instant.now();
        Reporter reporter = format.equals("policyreport") ? new PolicyReportReporter(api, () -> time, PolicyReports.KUBELETS, policyReports.pass)
                : Reporter.forFormat(format);
        if (policyReports.apply && !policyReports.write(cluster, api, PolicyReports.KUBELETS, report, options, time, null, err)) {
            return ExitCodes.USAGE;
        }
        if (!policyReports.apply || !output.toStandardOutput()) {
            output.write(out -> reporter.write(report, options, out));
        }
        return report.thresholdReached() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** The unit (the last directory systemd searches that has one wins) and its drop-ins by file name. */
    private List<Path> kubeletUnitFiles() throws IOException {
        Path unit = null;
        List<Path> dropIns = new ArrayList<>();
        for (String dir : UNIT_DIRS) {
            Path candidate = onNode(dir + "/kubelet.service");
            if (Files.isRegularFile(candidate)) {
                unit = candidate;
            }
            Path d = onNode(dir + "/kubelet.service.d");
            if (Files.isDirectory(d)) {
                try (Stream<Path> files = Files.list(d)) {
                    files.filter(p -> p.toString().endsWith(".conf")).forEach(dropIns::add);
                }
            }
        }
        dropIns.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        List<Path> out = new ArrayList<>();
        if (unit != null) {
            out.add(unit);
        }
        out.addAll(dropIns);
        return out;
    }

    /**
     * The files of every --config-dir the kubelet's command lines name: *.conf anywhere below it,
     * as the kubelet walks it (the order they merge in is KubeletNode's business).
     */
    private List<String> kubeletDropIns(List<Resource> resources) throws IOException {
        List<String> out = new ArrayList<>();
        for (Resource r : resources) {
            if (!KubeletNode.isCommandLine(r)) {
                continue;
            }
            Optional<String> dir = KubeletNode.configDir(r);
            if (dir.isEmpty() || !Files.isDirectory(onNode(dir.get()))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(onNode(dir.get()))) {
                files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(KubeletNode.DROP_IN_SUFFIX))
                        .sorted().map(Path::toString).filter(p -> !out.contains(p)).forEach(out::add);
            }
        }
        return out;
    }

    /** The last --config of the command lines, in either form (EKS writes "--config FILE"). */
    private static String kubeletConfigPath(List<Resource> commandLines) {
        String path = DEFAULT_KUBELET_CONFIG;
        for (Resource r : commandLines) {
            path = KubeletNode.configFile(r).orElse(path);
        }
        return path;
    }

    /** The client CA the kubelet runs with: from a flag, a drop-in or its file, as the kubelet merges them. */
    private static String clientCaFile(List<Resource> resources) {
        for (KubeletNode node : KubeletNode.all(new Inventory(resources))) {
            String ca = node.value(KubeletField.CLIENT_CA_FILE).text();
            if (ca != null && !ca.isBlank()) {
                return ca;
            }
        }
        return null;
    }

    private List<Resource> nodeFiles(List<Path> units, String kubeletConfig, String clientCa, List<String> dropIns)
            throws IOException {
        List<Resource> out = new ArrayList<>();
        for (NodeFileRule rule : NodeFileRule.KUBEADM) {
            List<Path> paths = switch (rule.path()) {
                case "kubelet-unit" -> units.isEmpty() ? List.of(onNode("/lib/systemd/system/kubelet.service")) : units;
                case "kubelet-client-ca" -> clientCa == null ? List.of() : List.of(onNode(clientCa));
                case "kubelet-drop-ins" -> dropIns.stream().map(Path::of).toList();
                case "/var/lib/kubelet/config.yaml" -> List.of(onNode(kubeletConfig));
                default -> expand(rule.path());
            };
            for (Path p : paths) {
                out.add(nodeFile(p, rule));
            }
        }
        return out;
    }

    /** "dir/*" lists a directory, "dir/**.ext" walks it; a missing directory is one missing file. */
    private List<Path> expand(String pattern) throws IOException {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return List.of(onNode(pattern));
        }
        Path dir = onNode(pattern.substring(0, star - 1));
        if (!Files.isDirectory(dir)) {
            return List.of(dir);
        }
        String suffix = pattern.substring(pattern.lastIndexOf('*') + 1);
        boolean deep = pattern.contains("**");
        try (Stream<Path> files = deep ? Files.walk(dir) : Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private Resource nodeFile(Path p, NodeFileRule rule) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        String name = nodePath(p);
        root.put("apiVersion", Kinds.KUBEWARD_API_VERSION);
        root.put("kind", Kinds.NODE_FILE);
        root.putObject("metadata").put("name", name);
        ObjectNode spec = root.putObject("spec");
        spec.put("role", rule.role());
        boolean exists = Files.exists(p);
        spec.put("exists", exists);
        if (exists) {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            spec.put("mode", NodeFileRule.octal(mode(a.permissions())));
            spec.put("owner", a.owner().getName() + ":" + a.group().getName());
        }
        spec.put("maxMode", NodeFileRule.octal(rule.maxMode()));
        spec.put("expectedOwner", owner != null ? owner : rule.owner());
        spec.put("cisMode", rule.cisMode());
        spec.put("cisOwner", rule.cisOwner());
        return new Resource(Kinds.KUBEWARD_API_VERSION, Kinds.NODE_FILE, null, name, root, new Origin(name, 0, null), List.of());
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            // PosixFilePermission is declared owner rwx, group rwx, others rwx: bit 8 down to bit 0.
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    private List<String> listYaml(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")
                    || p.toString().endsWith(".json")).sorted().map(Path::toString).toList();
        }
    }

    private Path onNode(String nodePath) {
        return root.resolve(nodePath.startsWith("/") ? nodePath.substring(1) : nodePath);
    }

    /** How findings name a file: its path on the node, not in the copy. */
    private String nodePath(Path p) {
        Path rel = root.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize());
        return "/" + rel.toString().replace('\\', '/');
    }
}
