package dev.kubeward.cli;

import dev.kubeward.exposure.DeploymentExposure;
import dev.kubeward.exposure.Exposure;
import dev.kubeward.exposure.RankedVulnerability;
import dev.kubeward.exposure.VulnerabilityFindings;
import dev.kubeward.image.oci.ImageException;
import dev.kubeward.image.oci.Platform;
import dev.kubeward.image.oci.RegistryClient;
import dev.kubeward.image.scan.ImageScan;
import dev.kubeward.image.scan.ImageScanner;
import dev.kubeward.image.vuln.VulnDb;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Position;
import dev.kubeward.model.Resource;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code scan --images}: scans each image the scanned workloads run (once per name), joins its
 * vulnerabilities with the containers that run it and ranks them by deployment
 * ({@link DeploymentExposure}, {@link RankedVulnerability}).
 */
final class ImageJoin {
    private ImageJoin() {}

    /** The vulnerability findings, and an input error (at the container's image line) per image that could not be read. */
    record Result(VulnerabilityFindings findings, List<InputError> errors) {}

    /** The join, or null after saying on standard error why it cannot run (no database, bad option). */
    static Result scan(Inventory inventory, List<Resource> targets, Map<String, String> imageFrom, String platform,
            VulnDbOptions database, VulnDbOptions.MaxAge maxAge, RegistryOptions registryOptions,
            ConfigFiles.Loaded config, OutputOptions output, CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        Platform plat;
        try {
            plat = platform == null ? null : Platform.parse(platform);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--platform': " + e.getMessage());
        }
        Duration max = maxAge.age(ImagesScanCommand.maxAgeSetting(config));
        Environment env = Main.environment(spec);
        RegistryClient.Options reg;
        try {
            reg = registryOptions.options(env);
        } catch (ImageException e) {
            err.println("kubeward: " + e.getMessage());
            return null;
        }
        VulnDb db = database.openOrSay();
        if (db == null) {
            return null;
        }
        Instant now = Instant.now();
        db.ageWarning(max, now).ifPresent(w -> output.note("kubeward: warning: " + w));
        DeploymentExposure exposure = DeploymentExposure.of(inventory, targets);
        Map<String, String> from = imageFrom == null ? Map.of() : imageFrom;
        List<String> names = exposure.images();
        for (String named : from.keySet()) {
            if (!names.contains(named)) {
                output.note("kubeward: warning: --image-from " + named + ": no scanned workload runs an image of that name");
            }
        }
        ImageScanner scanner = new ImageScanner(db, env.workingDirectory(), plat, now, reg);
        Map<String, ImageScan> scans = new LinkedHashMap<>();
        List<InputError> errors = new ArrayList<>();
        try (Progress progress = output.progress("scanning images")) {
            for (String image : names) {
                String ref = from.getOrDefault(image, image);
                output.verbose("scanning image " + image + (ref.equals(image) ? "" : " from " + ref));
                ImageScan s = scanner.scan(ref);
                scans.put(image, s);
                if (s.error() != null) {
                    Exposure first = exposure.running(image).get(0);
                    Position p = first.workload().locate(first.imagePath());
                    InputError e = new InputError(first.workload().origin().file(), p.line(),
                            first.describe() + ": image " + image + " cannot be scanned: " + s.error());
                    err.println(e);
                    errors.add(e);
                }
                s.problems().forEach(problem -> output.verbose(image + ": " + problem));
            }
        }
        return new Result(new VulnerabilityFindings(RankedVulnerability.rank(scans, exposure)), List.copyOf(errors));
    }
}
