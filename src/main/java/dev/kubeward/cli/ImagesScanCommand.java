package dev.kubeward.cli;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.ConfigException;
import dev.kubeward.check.Severity;
import dev.kubeward.image.oci.ImageException;
import dev.kubeward.image.oci.Platform;
import dev.kubeward.image.oci.RegistryClient;
import dev.kubeward.image.scan.ImageScan;
import dev.kubeward.image.scan.ImageScanner;
import dev.kubeward.image.vuln.LookupResult;
import dev.kubeward.image.vuln.VulnDb;
import dev.kubeward.image.vuln.VulnDbException;
import dev.kubeward.image.vuln.VulnMatch;
import dev.kubeward.image.vuln.VulnSeverity;
import dev.kubeward.report.ImageScanReport;
import dev.kubeward.report.JunitReporter;
import dev.kubeward.report.RenderOptions;
import dev.kubeward.report.SarifReporter;
import dev.kubeward.report.SpdxReporter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.image.vex.OpenVex;
import dev.kubeward.image.vex.VexException;
import dev.kubeward.image.vex.VexFilter;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "scan", sortOptions = false,
        description = {
            "Find the packages inside images and their known vulnerabilities, offline, from the OSV data in the local database (kubeward vulndb import).",
            "",
            "REF is oci:DIR[:REF] (an OCI image layout; REF names one of several images), oci-archive:FILE (a tar of a layout), docker-archive:FILE (docker save), or an image in a registry, [docker://]registry/repository[:tag][@digest] (nginx is docker.io/library/nginx:latest), pulled over the OCI distribution API with the credentials of ~/.docker/config.json.",
            "sbom:FILE reads a CycloneDX (1.4-1.6) or SPDX 2.3 JSON SBOM instead of an image (kubeward's, Syft's, Trivy's) and gives the vulnerabilities the image would.",
            "Layers are streamed, never unpacked: every layer's digest is checked, gzip, zstd and uncompressed layers are read, whiteouts applied as the runtime applies them.",
            "",
            "Exit code 1 when a vulnerability is at least --fail-on (unknown severities count as info), 2 when an image cannot be read or there is no database."
        },
        footer = {"", "Examples:", "  kubeward images scan oci:build/image-layout",
            "  kubeward images scan docker-archive:app.tar --fail-on critical -f json -o vulns.json",
            "  kubeward images scan ghcr.io/org/app:1.4 --platform linux/arm64",
            "  kubeward images scan localhost:5000/app:dev --insecure-registry localhost:5000",
            "  kubeward images scan --rootfs /mnt/unpacked --db /srv/vulndb",
            "  kubeward images scan oci:build/layout -f spdx -o sbom.spdx.json && kubeward images scan sbom:sbom.spdx.json"})
final class ImagesScanCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Parameters(paramLabel = "REF", arity = "0..*", description = "images: oci:DIR[:REF], oci-archive:FILE, docker-archive:FILE, registry/repository[:tag][@digest], or sbom:FILE")
    List<String> refs;

    @Option(names = "--rootfs", paramLabel = "DIR", description = "also scan an unpacked filesystem (repeatable)")
    List<Path> rootfs;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "the image to take from a multi-platform index (default: its only one, else linux/amd64)")
    String platform;

    @Option(names = "--vex", paramLabel = "FILE",
            description = "OpenVEX v0.2.0 documents whose not_affected and fixed statements suppress the vulnerabilities they cover (repeatable; also images.vex in .kubeward.yaml)")
    List<Path> vex;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    VulnDbOptions database;

    @Mixin
    VulnDbOptions.MaxAge maxAge;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    SeverityOptions severity;

    @Override
    public List<String> formats() {
        return List.of("text", "json", "sarif", "junit", "cyclonedx", "spdx");
    }

    /** {@code vulndb.maxAge} of the configuration, else 7d. */
    static String maxAgeSetting(ConfigFiles.Loaded loaded) {
        return loaded.config().setting("vulndb", "maxAge", "7d");
    }

    /** {@code vulndb.maxAge} of the configuration found, else 7d; null after saying why the configuration cannot be read. */
    static String configuredMaxAge(ConfigOptions configOptions, OutputOptions output) {
        try {
            return maxAgeSetting(configOptions.load(CheckRegistry.builtIn().ids(), output));
        } catch (ConfigException e) {
            output.command.commandLine().getErr().println(e);
            return null;
        }
    }

    static Severity asSeverity(VulnSeverity s) {
        return ImageScanReport.severity(s);
    }

    @Override
    public Integer call() throws Exception {
        String format = output.format();
        if ((refs == null || refs.isEmpty()) && (rootfs == null || rootfs.isEmpty())) {
            throw new ParameterException(output.command.commandLine(), "Name at least one image (REF) or --rootfs DIR");
        }
        Platform plat;
        try {
            plat = platform == null ? null : Platform.parse(platform);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(output.command.commandLine(), "Invalid value for option '--platform': " + e.getMessage());
        }
        ConfigFiles.Loaded loadedConfig;
        try {
            loadedConfig = configOptions.load(CheckRegistry.builtIn().ids(), output);
        } catch (ConfigException e) {
            output.command.commandLine().getErr().println(e);
            return ExitCodes.USAGE;
        }
        Duration max = maxAge.age(maxAgeSetting(loadedConfig));
        Environment env = Main.environment(output.command);
        List<Path> vexFiles = new ArrayList<>();
        JsonNode configured = loadedConfig.config().raw() == null ? null : loadedConfig.config().raw().path("images").get("vex");
        if (configured != null && configured.isArray()) {
            Path base = loadedConfig.file() == null ? env.workingDirectory() : loadedConfig.file().path().toAbsolutePath().getParent();
            configured.forEach(f -> vexFiles.add(base.resolve(f.asText())));
        }
        (vex == null ? List.<Path>of() : vex).forEach(f -> vexFiles.add(env.workingDirectory().resolve(f)));
        List<OpenVex.Statement> statements = new ArrayList<>();
        for (Path f : vexFiles) {
            try {
                statements.addAll(OpenVex.read(f, statements.size()));
            } catch (VexException e) {
                output.command.commandLine().getErr().println("kubeward: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        Path dir = database.dir();
        VulnDb vdb = database.openOrSay();
        if (vdb == null) {
            return ExitCodes.USAGE;
        }
        Instant now = Instant.now();
        List<String> notes = new ArrayList<>();
        vdb.ageWarning(max, now).ifPresent(notes::add);
        RegistryClient.Options reg;
        try {
            reg = registryOptions.options(env);
        } catch (ImageException e) {
            output.command.commandLine().getErr().println("kubeward: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        ImageScanner scanner = new ImageScanner(vdb, env.workingDirectory(), plat, now, reg);
        List<ImageScan> scans = new ArrayList<>();
        for (String ref : refs == null ? List.<String>of() : refs) {
            if (ref.startsWith(ImageScanner.SBOM)) {
                scans.addAll(scanner.scanSbom(ref));
            } else {
                scans.add(scanner.scan(ref));
            }
        }
        for (Path r : rootfs == null ? List.<Path>of() : rootfs) {
            scans.add(scanner.scanRootFs(r));
        }
        boolean failed = false;
        boolean unreadable = false;
        Severity threshold = severity.failOn.severity();
        Set<Severity> shown = severity.shown();
        List<ImageScan> listed = new ArrayList<>();
        VexFilter.Result applied = new VexFilter(statements).apply(scans);
        Map<ImageScan, List<VexFilter.Suppressed>> suppressed = new IdentityHashMap<>();
        for (VexFilter.Applied a : applied.scans()) {
            ImageScan s = a.open();
            unreadable |= s.error() != null;
            for (VulnMatch m : s.vulnerabilities()) {
                failed |= threshold != null && asSeverity(m.severity()).atLeast(threshold);
            }
            ImageScan shownScan = filter(s, shown);
            listed.add(shownScan);
            suppressed.put(shownScan, a.suppressed().stream().filter(x -> shown.contains(asSeverity(x.match().severity()))).toList());
            if (s.error() != null) {
                output.command.commandLine().getErr().println("kubeward: " + s.error());
            }
        }
        notes.forEach(n -> output.note("kubeward: warning: " + n));
        applied.unused().forEach(n -> output.note("kubeward: warning: " + n));
        ImageScanReport report = new ImageScanReport(listed, List.copyOf(notes),
                new ImageScanReport.Vex(vexFiles.stream().map(Path::toString).toList(), suppressed, applied.unused()));
        List<String> read = new ArrayList<>();
        scans.forEach(s -> read.add(ImageScanReport.artifactOf(s.reference(), env.workingDirectory())));
        RenderOptions options = RenderOptions.DEFAULT.withPaths(env.workingDirectory(), SourceRoot.of(env, read));
        output.write(out -> {
            switch (format) {
                case "json" -> report.writeJson(out, JsonOutput.header(loadedConfig), dir.toString());
                case "sarif" -> new SarifReporter().writeImages(report, Version.VERSION, options, out);
                case "junit" -> new JunitReporter().writeImages(report, threshold, out);
                case "cyclonedx" -> report.writeCycloneDx(out, Version.VERSION, now);
                case "spdx" -> SpdxReporter.write(report, out, Version.VERSION, now);
                default -> report.writeText(out, output.quiet);
            }
        });
        if (unreadable) {
            return ExitCodes.USAGE;
        }
        return failed ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static ImageScan filter(ImageScan s, Set<Severity> shown) {
        if (s.lookup() == null) {
            return s;
        }
        List<VulnMatch> kept = s.lookup().matches().stream().filter(m -> shown.contains(asSeverity(m.severity()))).toList();
        return new ImageScan(s.reference(), s.name(), s.digest(), s.os(), s.packages(),
                new LookupResult(kept, s.lookup().unmatched(), s.lookup().problems()), s.problems(), s.error());
    }
}
