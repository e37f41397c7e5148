package dev.kubeward.cli;

import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.ConfigException;
import dev.kubeward.check.Exemptions;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.checks.policy.PolicyFindings;
import dev.kubeward.checks.rbac.RbacScan;
import dev.kubeward.exposure.VulnerabilityFindings;
import dev.kubeward.rbac.StockRbac;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.report.RenderOptions;
import dev.kubeward.report.PolicyReportReporter;
import dev.kubeward.report.PolicyReports;
import dev.kubeward.report.Reporter;
import dev.kubeward.report.ScanReport;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.ReadOptions;
import dev.kubeward.source.cluster.ClusterSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.report.Baseline;
import dev.kubeward.report.Compliance;
import dev.kubeward.report.ComplianceReporter;
import dev.kubeward.report.HtmlReporter;
import dev.kubeward.report.Framework;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scan", sortOptions = false,
        description = {
            "Scan Kubernetes manifests and Dockerfiles: files, directories (recursively: .yaml, .yml, .json, and Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*) or - for standard input, so that 'helm template … | kubeward scan -' and 'kustomize build … | kubeward scan -' work. A directory is read as git sees it (.gitignore, .git/info/exclude, tracked files), without node_modules/ and vendored trees; what is left out is counted on standard error. A Helm chart (a directory with Chart.yaml, also inside a tree, or a .tgz) is rendered by embedded Helm and its findings point at the template lines; a loose template elsewhere is a notice, not an error. A Kustomize directory (kustomization.yaml, also inside a tree) is built by kustomize or kubectl kustomize from the PATH and its findings point at the resource, patch or kustomization line that wrote the field.",
            "",
            "YAML is read as kubectl reads it (YAML 1.1 booleans such as yes/on/y, merge keys, octal numbers; a duplicated key keeps its last value and is reported). A broken document is reported as file:line: reason and the rest is still scanned; the exit code is then 2."
        },
        footer = {"", "Examples:",
            "  kubeward scan k8s/",
            "  kubeward scan charts/shop --values prod.yaml -n shop -f sarif -o kubeward.sarif",
            "  helm template charts/shop | kubeward scan - -f sarif -o kubeward.sarif",
            "  kubeward scan deploy.yaml --fail-on medium --config ci/kubeward.yaml",
            "  kubeward scan k8s/ --min-severity high --quiet"})
final class ScanCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "files, directories or - (default: the current directory)")
    List<String> paths;

    @Mixin
    SeverityOptions severity;

    @Option(names = "--dockerfile", paramLabel = "FILE", description = "also read FILE as a Dockerfile whatever its name (- for standard input); Dockerfile, Containerfile, *.Dockerfile and Dockerfile.* are found in directories anyway")
    List<String> dockerfiles;

    @Option(names = {"--kubernetes-version", "--kube-version"}, paramLabel = "VERSION", description = "the cluster's Kubernetes version (v1.33.4), for the version checks, the control-plane defaults and the .Capabilities.KubeVersion of Helm charts; overrides kubernetesVersion in the configuration")
    String kubernetesVersion;

    @Option(names = "--context", paramLabel = "DIR",
            description = "also read DIR (a file or directory; repeatable) for the cross-object checks (Namespaces, LimitRanges, ResourceQuotas, ServiceAccounts, NetworkPolicies, RBAC …) without reporting on it, so that scanning one file gives the findings a scan of the whole directory gives for that file; files also named as PATH are scanned, not context")
    List<String> context;

    @Option(names = "--report-unused-exemptions",
            description = "report exemptions (annotations and configuration) that suppressed nothing in this scan, with their file and line (check exemption-unused)")
    boolean reportUnusedExemptions;

    @Option(names = "--now", paramLabel = "DATE",
            description = "judge dates as on DATE (2027-01-31) instead of today: the expiry of exemptions and the end of life of Kubernetes versions (overrides versionCheckDate)")
    LocalDate now;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "report as new only the findings not in FILE (written by --baseline-out); the others are listed as baselined and count neither in the summary nor toward --fail-on; entries no longer found are listed")
    Path baseline;

    @Option(names = "--baseline-out", paramLabel = "FILE",
            description = "record this scan's unsuppressed findings in FILE (JSON, schemas/baseline.schema.json): by check, object identity and a fingerprint of the offending field and value, not by file or line")
    Path baselineOut;

    @Mixin
    PolicyReportOptions policyReports;

    @Option(names = "--framework", paramLabel = "ID",
            description = "show the findings by the controls of a framework: nsa-cisa, cis, pss-baseline, pss-restricted, mitre or checklist (each control passed, failed, not applicable or not checkable, and a score); text, json or html ('kubeward frameworks' lists them)")
    String framework;

    @Option(names = "--images",
            description = "also scan every image the scanned workloads run for known vulnerabilities (offline, from the vulndb; registry images are pulled) and report each on the container's image line, ranked by how the workload is deployed: exposure by Service or Ingress and NetworkPolicy reach, privilege, root, the ServiceAccount's RBAC escalation paths (docs/images.md#deployment-rank)")
    boolean images;

    @Option(names = "--image-from", paramLabel = "IMAGE=REF",
            description = "with --images, read IMAGE (as the manifests name it) from REF instead of its registry: oci:DIR[:REF], oci-archive:FILE, docker-archive:FILE or another registry reference (repeatable)")
    Map<String, String> imageFrom;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "with --images, the image to take from a multi-platform index (default: its only one, else linux/amd64)")
    String platform;

    @Mixin
    VulnDbOptions database;

    @Mixin
    VulnDbOptions.MaxAge maxAge;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    ManifestOptions.Standard manifests;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    HelmChartOptions helm;

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
        CheckRegistry registry = CheckRegistry.builtIn();
        ConfigFiles.Loaded loadedConfig;
        Config cfg;
        try {
            loadedConfig = configOptions.load(registry.ids(), output);
            cfg = loadedConfig.config();
            if (kubernetesVersion != null) {
                cfg = ConfigFiles.withSetting(cfg, "kubernetesVersion", kubernetesVersion, "--kubernetes-version", registry.ids());
            }
            if (now != null) {
                cfg = ConfigFiles.withSetting(cfg, "versionCheckDate", now.toString(), "--now", registry.ids());
            }
            if (reportUnusedExemptions) {
                cfg = cfg.withEnabled(Exemptions.UNUSED);
            }
        } catch (ConfigException e) {
            err.println(e);
            return ExitCodes.USAGE;
        }
        PolicyReports.Api api = policyReports.api(spec, format, cluster.cluster);
        Framework frameworkCatalogue = null;
        if (framework != null) {
            String id = framework.toLowerCase(java.util.Locale.ROOT);
            if (!Framework.IDS.contains(id)) {
                err.println("unknown framework '" + framework + "'" + Suggestions.didYouMean(framework, Framework.IDS)
                        + "; the frameworks are " + String.join(", ", Framework.IDS));
                err.println("Run 'kubeward scan --help' for usage.");
                return ExitCodes.USAGE;
            }
            if (!List.of("text", "json", "html").contains(format)) {
                err.println("--framework writes text, json or html, not " + format);
                err.println("Run 'kubeward scan --help' for usage.");
                return ExitCodes.USAGE;
            }
            frameworkCatalogue = Framework.load(id);
        }
        Baseline previous = null;
        if (baseline != null) {
            try (java.io.Reader in = Files.newBufferedReader(baseline, StandardCharsets.UTF_8)) {
                previous = Baseline.read(baseline.toString(), in);
            } catch (Baseline.Invalid e) {
                err.println(e);
                return ExitCodes.USAGE;
            } catch (IOException e) {
                err.println("cannot read baseline " + baseline + ": " + OutputOptions.reason(e));
                return ExitCodes.USAGE;
            }
        }
        String clusterUsage = cluster.usageError(manifests.namespace(),
                (paths != null && !paths.isEmpty()) || dockerfiles != null || context != null);
        if (clusterUsage != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), clusterUsage);
        }
        ClusterSnapshot snapshot = null;
        ClusterOptions.Input live = null;
        if (cluster.cluster) {
            live = cluster.input(manifests.namespace(), output, err);
            if (live == null) {
                return ExitCodes.USAGE;
            }
            snapshot = live.snapshot();
            if (kubernetesVersion == null && snapshot.kubernetesVersion() != null) {
                try {
                    cfg = ConfigFiles.withSetting(cfg, "kubernetesVersion", snapshot.kubernetesVersion(),
                            "the API server's version", registry.ids());
                } catch (ConfigException e) {
                    err.println(e);
                    return ExitCodes.USAGE;
                }
                output.verbose("kubernetes version " + snapshot.kubernetesVersion() + " (the API server's)");
            }
        }
        List<String> inputs = snapshot != null ? List.of() : inputs();
        ReadOptions read;
        try {
            read = manifests.read(loadedConfig, Main.environment(spec))
                    .withHelm(helm.options(cfg.setting("kubernetesVersion", null)));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("Run 'kubeward scan --help' for usage.");
            return ExitCodes.USAGE;
        }
        List<String> named = new ArrayList<>(inputs);
        if (dockerfiles != null) {
            named.addAll(dockerfiles);
        }
        List<String> scanned = new ArrayList<>(inputs);
        if (dockerfiles != null) {
            scanned.addAll(dockerfiles);
        }
        LoadResult contextLoaded = context == null ? LoadResult.EMPTY : ContextInputs.load(context, scanned, read);
        LoadResult loaded;
        if (snapshot == null) {
            try (Progress progress = output.progress("reading files")) {
                ManifestLoader loader = new ManifestLoader(read).listener(progress);
                loaded = ManifestOptions.report(loader.load(inputs, dockerfiles == null ? List.of() : dockerfiles),
                        named, contextLoaded, output);
            }
        } else {
            loaded = live.load();
        }
        List<InputError> errors = new ArrayList<>(loaded.errors());
        errors.addAll(contextLoaded.errors());
        for (InputError e : errors) {
            err.println(e);
        }
        Scanner scanner = new Scanner(registry, cfg).today(now);
        List<Resource> all = new ArrayList<>(snapshot != null ? snapshot.resources() : loaded.resources());
        if (context != null) {
            // In the order a scan of the whole directory reads them (files sorted by path), so
            // that a check placing a finding on the first object of a namespace picks the same one.
            all.addAll(contextLoaded.resources());
            all.sort(Comparator.comparing((Resource r) -> r.origin().file()).thenComparingInt(r -> r.origin().document()));
        }
        // images.builds: the Dockerfiles that build the workloads' images, marked; those not scanned read as context.
        dev.kubeward.source.dockerfile.ImageBuilds.Result builds = DockerfileBuilds.apply(loadedConfig, cfg, all, errors,
                Main.environment(spec).workingDirectory());
        if (!builds.configErrors().isEmpty()) {
            builds.configErrors().forEach(err::println);
            return ExitCodes.USAGE;
        }
        builds.inputErrors().forEach(err::println);
        errors.addAll(builds.inputErrors());
        all.addAll(builds.added());
        Inventory inventory = new Inventory(all, cfg.workloadKinds());
        // The team's admission policies among the input, as vap:POLICY-NAME findings.
        PolicyFindings.Prepared vap = PolicyFindings.prepare(inventory, cfg);
        vap.errors().forEach(err::println);
        errors.addAll(vap.errors());
        VulnerabilityFindings vulns = null;
        if (images) {
            ImageJoin.Result joined = ImageJoin.scan(inventory, loaded.resources(), imageFrom, platform, database, maxAge,
                    registryOptions, loadedConfig, output, spec);
            if (joined == null) {
                return ExitCodes.USAGE;
            }
            vulns = joined.findings();
            errors.addAll(joined.errors());
            if (!cfg.signatureRules().isEmpty()) {
                Path base = loadedConfig.file() == null ? Main.environment(spec).workingDirectory()
                        : loadedConfig.file().path().toAbsolutePath().getParent();
                try {
                    scanner.signatures(SignatureJoin.verify(cfg, base, loaded.resources(),
                            registryOptions.options(Main.environment(spec)), output));
                } catch (SignatureJoin.Invalid | dev.kubeward.image.oci.ImageException e) {
                    err.println(e.getMessage());
                    return ExitCodes.USAGE;
                }
            }
        } else if (!cfg.signatureRules().isEmpty()) {
            output.note("kubeward: note: images.requireSignature is checked by scan --images, which reads the signatures "
                    + "from the registry; this scan does not check signatures");
        }
        Scanner.ObjectFindings extra = vap.findings();
        if (vulns != null) {
            Scanner.ObjectFindings imageFindings = vulns.findings();
            Scanner.ObjectFindings policies = extra;
            extra = policies == null ? imageFindings : (r, sink) -> {
                policies.findings(r, sink);
                imageFindings.findings(r, sink);
            };
        }
        if (extra != null) {
            scanner.objectFindings(extra);
        }
        List<Finding> findings = scanner.scan(inventory, loaded.resources());
        if (vulns != null) {
            findings = vulns.order(findings);
        }
        boolean rbacChecks = scanner.enabledChecks().stream().anyMatch(e -> e.meta().category().equals("RBAC"));
        if (rbacChecks && loaded.resources().stream().anyMatch(r -> RbacModelOptions.RBAC_KINDS.contains(r.kind()))) {
            output.note(RbacModelOptions.SCAN_STOCK);
        }
        if (output.verbose && rbacChecks) {
            // The RBAC checks skip what every API server creates; name it, as skipped documents are named.
            Set<Resource> targets = Collections.newSetFromMap(new IdentityHashMap<>());
            targets.addAll(loaded.resources());
            for (Resource r : RbacScan.of(inventory).stockResources()) {
                if (!targets.contains(r)) {
                    continue;
                }
                err.println("skipped " + r.origin().file() + ":" + r.locate(JsonPath.ROOT).line() + ": " + r.displayName()
                        + " is a stock RBAC object (stock name and " + StockRbac.BOOTSTRAP_LABEL + ": "
                        + StockRbac.BOOTSTRAP_VALUE + "); the RBAC checks leave it out");
            }
        }
        Baseline.Comparison comparison = null;
        if (previous != null || baselineOut != null) {
            Map<Finding, Baseline.Entry> recorded = Baseline.record(findings, trees(loaded.resources()));
            if (previous != null) {
                comparison = previous.compare(baseline.toString(), findings, recorded);
            }
            if (baselineOut != null) {
                try (java.io.Writer w = Files.newBufferedWriter(baselineOut, StandardCharsets.UTF_8)) {
                    Baseline.write(Version.VERSION, recorded.values(), w);
                } catch (IOException e) {
                    err.println("cannot write baseline " + baselineOut + ": " + OutputOptions.reason(e));
                    return ExitCodes.USAGE;
                }
                output.verbose("wrote " + recorded.size() + " baseline entries to " + baselineOut);
            }
        }
        List<CheckMeta> extraRules = new ArrayList<>(vap.rules());
        if (vulns != null) {
            extraRules.addAll(vulns.rules());
        }
        ScanReport report = new ScanReport(Version.VERSION, findings, withPolicyRules(effectiveRules(scanner, cfg), extraRules),
                loaded.resources().stream().map(ScanCommand::scanned).toList(),
                errors, loaded.files(), severity.failOn.severity(),
                contextLoaded.resources().stream().map(ScanCommand::scanned).toList(), comparison, output.unread(),
                vulns == null ? null : vulns.ranks(findings));
        RenderOptions options = renderOptions(format, loadedConfig, cfg, SourceRoot.of(Main.environment(spec), scanned));
        if (frameworkCatalogue != null) {
            Compliance compliance = Compliance.evaluate(frameworkCatalogue, report,
                    registry.entries().stream().map(CheckRegistry.Entry::meta).toList());
            output.write(out -> {
                if (format.equals("json")) {
                    ComplianceReporter.writeJson(compliance, report, options, out);
                } else if (format.equals("html")) {
                    new HtmlReporter(compliance.framework().id()).write(report, options, out);
                } else {
                    ComplianceReporter.writeText(compliance, report, options, out);
                }
            });
        } else {
            java.time.Instant time = java.time.Instant.now();
            Reporter reporter = format.equals("policyreport")
                    ? new PolicyReportReporter(api, () -> time, PolicyReports.NAME, policyReports.pass) : Reporter.forFormat(format);
            if (policyReports.apply) {
                if (!policyReports.write(cluster, api, PolicyReports.NAME, report, options, time, manifests.namespace(), err)) {
                    return ExitCodes.USAGE;
                }
            }
            if (!policyReports.apply || !output.toStandardOutput()) {
                output.write(out -> reporter.write(report, options, out));
            }
        }
        if (!errors.isEmpty()) {
            return ExitCodes.USAGE;
        }
        return report.thresholdReached() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** How a scan report is rendered: shared by every command that writes one (scan, node). */
    static RenderOptions renderOptions(String format, OutputOptions output, SeverityOptions severity,
            ConfigFiles.Loaded loadedConfig, Config cfg, Environment env, Path sourceRoot) {
        return ConfigOptions.named(RenderOptions.DEFAULT, loadedConfig)
                .withShown(severity.shown())
                .withColor(format.equals("text") && output.color())
                .withQuiet(output.quiet)
                .withPaths(env.workingDirectory(), sourceRoot)
                .withHelpBaseUrl(cfg.setting("report", "helpBaseUrl", null));
    }

    private RenderOptions renderOptions(String format, ConfigFiles.Loaded loadedConfig, Config cfg, Path sourceRoot) {
        return renderOptions(format, output, severity, loadedConfig, cfg, Main.environment(spec), sourceRoot);
    }

    /** The checks that ran and the admission policies whose findings were reported. */
    private static List<CheckMeta> withPolicyRules(List<CheckMeta> rules, List<CheckMeta> policies) {
        if (policies.isEmpty()) {
            return rules;
        }
        List<CheckMeta> all = new ArrayList<>(rules);
        all.addAll(policies);
        return all;
    }

    /** The checks that ran, at the severity the configuration gives them. */
    static List<CheckMeta> effectiveRules(Scanner scanner, Config cfg) {
        return scanner.enabledChecks().stream().map(CheckRegistry.Entry::meta)
                .map(m -> m.withSeverity(cfg.severityOf(m, m.severity()))).toList();
    }

    /** The tree of the object each finding is about (by file, document and identity); null for none. */
    private static Function<Finding, JsonNode> trees(List<Resource> resources) {
        Map<String, JsonNode> byPlace = new HashMap<>();
        for (Resource r : resources) {
            byPlace.put(r.origin().file() + "\u0000" + r.origin().document() + "\u0000" + r.ref(), r.object());
        }
        return f -> byPlace.get(f.file() + "\u0000" + f.document() + "\u0000" + f.resource());
    }

    /** The paths given, or the current directory when neither paths nor Dockerfiles are. */
    private List<String> inputs() {
        if (paths != null && !paths.isEmpty()) {
            return paths;
        }
        return dockerfiles == null || dockerfiles.isEmpty() ? List.of(".") : List.of();
    }

    private static ScanReport.ScannedObject scanned(Resource r) {
        String uid = r.origin().isLive() && r.metadata().path("uid").isTextual() ? r.metadata().path("uid").asText() : null;
        return new ScanReport.ScannedObject(r.ref(), r.origin().file(), r.locate(JsonPath.ROOT).line(), uid);
    }
}
