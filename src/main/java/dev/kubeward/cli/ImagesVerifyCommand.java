package dev.kubeward.cli;

import dev.kubeward.image.oci.ImageException;
import dev.kubeward.image.oci.RegistryClient;
import dev.kubeward.image.sign.CosignVerifier;
import dev.kubeward.image.sign.PublicKeys;
import dev.kubeward.image.sign.SignatureException;
import dev.kubeward.report.ImageVerifyReport;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", sortOptions = false,
        description = {
            "Verify the cosign signatures of images in a registry against a public key: the tag scheme (REPO:sha256-HEX.sig, simple-signing payloads) and Sigstore bundles attached as OCI referrers (cosign 3's default).",
            "A signature counts when it verifies with the key and what it signs names the image's digest (the digest the reference resolves to).",
            "Not verified: Rekor transparency-log inclusion and keyless (Fulcio certificate) signatures.",
            "-f json writes every image and signature looked at (schemas/images-verify.schema.json).",
            "",
            "Exit code 0 when every image has a signature that verifies, 1 when one has none, 2 when an image or the key cannot be read."
        },
        footer = {"", "Examples:", "  kubeward images verify ghcr.io/org/app:1.4 --key cosign.pub",
            "  kubeward images verify localhost:5000/app@sha256:… --key cosign.pub --insecure-registry localhost:5000"})
final class ImagesVerifyCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Parameters(paramLabel = "REF", arity = "1..*", description = "images in a registry: registry/repository[:tag][@digest]")
    List<String> refs;

    @Option(names = "--key", paramLabel = "FILE", required = true, description = "the public key (PEM, as cosign generate-key-pair writes cosign.pub)")
    Path key;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public List<String> formats() {
        return List.of("text", "json");
    }

    @Override
    public Integer call() throws Exception {
        String format = output.format();
        ConfigFiles.Loaded loaded;
        try {
            loaded = configOptions.load(dev.kubeward.check.CheckRegistry.builtIn().ids(), output);
        } catch (dev.kubeward.check.ConfigException e) {
            output.command.commandLine().getErr().println(e);
            return ExitCodes.USAGE;
        }
        Environment env = Main.environment(output.command);
        PublicKey publicKey;
        RegistryClient client;
        try {
            publicKey = PublicKeys.read(env.workingDirectory().resolve(key));
            client = new RegistryClient(registryOptions.options(env));
        } catch (SignatureException | ImageException e) {
            output.command.commandLine().getErr().println("kubeward: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        CosignVerifier verifier = new CosignVerifier(client);
        List<ImageVerifyReport.Entry> entries = new ArrayList<>();
        boolean unreadable = false;
        for (String ref : refs) {
            try {
                entries.add(new ImageVerifyReport.Entry(ref, verifier.verify(ref, publicKey), null));
            } catch (ImageException e) {
                unreadable = true;
                entries.add(new ImageVerifyReport.Entry(ref, null, e.getMessage()));
                output.command.commandLine().getErr().println("kubeward: " + e.getMessage());
            }
        }
        ImageVerifyReport report = new ImageVerifyReport(List.copyOf(entries));
        output.write(out -> {
            if (format.equals("json")) {
                report.writeJson(out, JsonOutput.header(loaded));
            } else {
                report.writeText(out, output.quiet, output.verbose);
            }
        });
        if (unreadable) {
            return ExitCodes.USAGE;
        }
        return report.verified() == entries.size() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
