package dev.kubeward.cli;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.ConfigException;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.checks.rbac.RbacScan;
import dev.kubeward.rbac.StockRbac;
import dev.kubeward.check.Severity;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.report.Reporter;
import dev.kubeward.report.ScanReport;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scan", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Scan Kubernetes manifests and Dockerfiles: files, directories (recursively: .yaml, .yml, .json, and Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*) or - for standard input, so that 'helm template … | kubeward scan -' and 'kustomize build … | kubeward scan -' work.",
            "",
            "YAML is read as kubectl reads it (YAML 1.1 booleans such as yes/on/y, merge keys, octal numbers; a duplicated key keeps its last value and is reported). A broken document is reported as file:line: reason and the rest is still scanned; the exit code is then 2."
        },
        footer = {"", "Examples:",
            "  kubeward scan k8s/",
            "  helm template charts/shop | kubeward scan - -f sarif -o kubeward.sarif",
            "  kubeward scan deploy.yaml --fail-on medium --config ci/kubeward.yaml"})
final class ScanCommand implements Callable<Integer> {
    enum Format { text, json, sarif, junit }

    enum FailOn {
        critical, high, medium, low, info, none;

        Severity severity() {
            return this == none ? null : Severity.parse(name());
        }
    }

    enum Color { auto, always, never }

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "files, directories or - (default: the current directory)")
    List<String> paths;

    @Option(names = {"-f", "--format"}, defaultValue = "text", description = "text, json, sarif or junit (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the report to FILE instead of standard output")
    Path output;

    @Option(names = "--fail-on", defaultValue = "high", paramLabel = "SEVERITY",
            description = "exit 1 when an unsuppressed finding is at least this severe: critical, high, medium, low, info or none (default: ${DEFAULT-VALUE})")
    FailOn failOn;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "configuration file (default: ./.kubeward.yaml when present)")
    Path config;

    @Option(names = "--color", defaultValue = "auto", description = "auto, always or never; auto colours only a terminal and honours NO_COLOR (default: ${DEFAULT-VALUE})")
    Color color;

    @Option(names = "--dockerfile", paramLabel = "FILE", description = "also read FILE as a Dockerfile whatever its name (- for standard input); Dockerfile, Containerfile, *.Dockerfile and Dockerfile.* are found in directories anyway")
    List<String> dockerfiles;

    @Option(names = "--kubernetes-version", paramLabel = "VERSION", description = "the cluster's Kubernetes version (v1.33.4), for the version checks and the control-plane defaults; overrides kubernetesVersion in the configuration")
    String kubernetesVersion;

    @Option(names = {"-v", "--verbose"}, description = "also name the documents that were skipped because they are not Kubernetes objects, and the stock RBAC objects of the API server that the RBAC checks leave out")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        CheckRegistry registry = CheckRegistry.builtIn();
        Config cfg;
        try {
            cfg = ConfigFiles.load(config, registry.ids());
            if (kubernetesVersion != null) {
                cfg = ConfigFiles.withSetting(cfg, "kubernetesVersion", kubernetesVersion, "--kubernetes-version", registry.ids());
            }
        } catch (ConfigException e) {
            err.println(e);
            return ExitCodes.USAGE;
        }
        LoadResult loaded = new ManifestLoader().load(inputs(), dockerfiles == null ? List.of() : dockerfiles);
        if (verbose) {
            loaded.skipped().forEach(s -> err.println("skipped " + s));
        }
        for (InputError e : loaded.errors()) {
            err.println(e);
        }
        Scanner scanner = new Scanner(registry, cfg);
        Inventory inventory = new Inventory(loaded.resources(), cfg.workloadKinds());
        List<Finding> findings = scanner.scan(inventory);
        if (verbose && scanner.enabledChecks().stream().anyMatch(e -> e.meta().category().equals("RBAC"))) {
            // The RBAC checks skip what every API server creates; name it, as skipped documents are named.
            for (Resource r : RbacScan.of(inventory).stockResources()) {
                err.println("skipped " + r.origin().file() + ":" + r.locate(JsonPath.ROOT).line() + ": " + r.displayName()
                        + " is a stock RBAC object (stock name and " + StockRbac.BOOTSTRAP_LABEL + ": "
                        + StockRbac.BOOTSTRAP_VALUE + "); the RBAC checks leave it out");
            }
        }
        ScanReport report = new ScanReport(Version.VERSION, findings,
                scanner.enabledChecks().stream().map(CheckRegistry.Entry::meta).toList(),
                loaded.resources().stream().map(ScanCommand::scanned).toList(),
                loaded.errors(), loaded.files(), failOn.severity());
        boolean useColor = format == Format.text && output == null && wantsColor();
        Reporter reporter = Reporter.forFormat(format.name(), useColor);
        if (output != null) {
            try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                reporter.write(report, w);
            }
        } else {
            reporter.write(report, spec.commandLine().getOut());
        }
        if (!loaded.errors().isEmpty()) {
            return ExitCodes.USAGE;
        }
        return report.thresholdReached() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** The paths given, or the current directory when neither paths nor Dockerfiles are. */
    private List<String> inputs() {
        if (paths != null && !paths.isEmpty()) {
            return paths;
        }
        return dockerfiles == null || dockerfiles.isEmpty() ? List.of(".") : List.of();
    }

    private static ScanReport.ScannedObject scanned(Resource r) {
        return new ScanReport.ScannedObject(r.ref(), r.origin().file(), r.locate(JsonPath.ROOT).line());
    }

    private boolean wantsColor() {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> System.console() != null && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM"));
        };
    }
}
