package dev.kubeward.cli;

import dev.kubeward.image.oci.ImageException;
import dev.kubeward.image.oci.RegistryClient;
import dev.kubeward.image.sign.CosignVerifier;
import dev.kubeward.image.sign.KeylessPolicy;
import dev.kubeward.image.sign.PublicKeys;
import dev.kubeward.image.sign.SignatureException;
import dev.kubeward.image.sign.SignaturePolicy;
import dev.kubeward.image.sign.TrustedRoot;
import dev.kubeward.report.ImageVerifyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", sortOptions = false,
        description = {
            "Verify the cosign signatures of images in a registry against a public key, or keyless (a Fulcio certificate for an identity and issuer, against a trusted_root.json, offline): the tag scheme (REPO:sha256-HEX.sig, simple-signing payloads) and Sigstore bundles attached as OCI referrers (cosign 3's default).",
            "A signature counts when it verifies with the key (or the certificate: chained to the root's CA, valid at the time the Rekor entry proves, for the identity and issuer) and what it signs names the image's digest (the digest the reference resolves to).",
            "Not verified: Rekor entries of key-signed images, SCTs, RFC 3161 timestamps.",
            "-f json writes every image and signature looked at (schemas/images-verify.schema.json).",
            "",
            "Exit code 0 when every image has a signature that verifies, 1 when one has none, 2 when an image or the key cannot be read."
        },
        footer = {"", "Examples:", "  kubeward images verify ghcr.io/org/app:1.4 --key cosign.pub",
            "  kubeward images verify localhost:5000/app@sha256:… --key cosign.pub --insecure-registry localhost:5000",
            "  kubeward images verify ghcr.io/org/app:1.4 --trusted-root trusted_root.json \\",
            "      --certificate-identity https://github.com/org/app/.github/workflows/release.yml@refs/heads/main \\",
            "      --certificate-oidc-issuer https://token.actions.githubusercontent.com"})
final class ImagesVerifyCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Parameters(paramLabel = "REF", arity = "1..*", description = "images in a registry: registry/repository[:tag][@digest]")
    List<String> refs;

    @Option(names = "--key", paramLabel = "FILE", description = "the public key (PEM, as cosign generate-key-pair writes cosign.pub)")
    Path key;

    @Option(names = "--trusted-root", paramLabel = "FILE",
            description = "keyless: the Sigstore trusted_root.json (certificate authorities and transparency logs) to verify against, offline")
    Path trustedRoot;

    @Option(names = "--certificate-identity", paramLabel = "ID",
            description = "keyless: the certificate's subject alternative name must be ID (an email or a URI)")
    String identity;

    @Option(names = "--certificate-identity-regexp", paramLabel = "RE",
            description = "keyless: a subject alternative name of the certificate must contain a match of RE")
    String identityRegexp;

    @Option(names = "--certificate-oidc-issuer", paramLabel = "ISS",
            description = "keyless: the certificate's OIDC issuer must be ISS (https://token.actions.githubusercontent.com, https://accounts.google.com…)")
    String issuer;

    @Option(names = "--certificate-oidc-issuer-regexp", paramLabel = "RE",
            description = "keyless: the certificate's OIDC issuer must contain a match of RE")
    String issuerRegexp;

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

    /** Why the options do not name exactly one signer, or null. */
    private String usage() {
        boolean keyless = trustedRoot != null || identity != null || identityRegexp != null || issuer != null || issuerRegexp != null;
        if (key != null && keyless) {
            return "--key and the keyless options (--trusted-root, --certificate-*) exclude each other";
        }
        if (key == null && !keyless) {
            return "name the signer: --key FILE, or --trusted-root FILE with --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp]";
        }
        if (key != null) {
            return null;
        }
        if (trustedRoot == null) {
            return "keyless verification needs --trusted-root FILE (a Sigstore trusted_root.json; it is never downloaded)";
        }
        if ((identity == null) == (identityRegexp == null)) {
            return "keyless verification needs exactly one of --certificate-identity and --certificate-identity-regexp";
        }
        if ((issuer == null) == (issuerRegexp == null)) {
            return "keyless verification needs exactly one of --certificate-oidc-issuer and --certificate-oidc-issuer-regexp";
        }
        for (String re : new String[] {identityRegexp, issuerRegexp}) {
            if (re != null) {
                try {
                    java.util.regex.Pattern.compile(re);
                } catch (java.util.regex.PatternSyntaxException e) {
                    return "'" + re + "' is not a regular expression: " + e.getDescription();
                }
            }
        }
        return null;
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
        String usage = usage();
        if (usage != null) {
            throw new picocli.CommandLine.ParameterException(output.command.commandLine(), usage);
        }
        SignaturePolicy policy;
        RegistryClient client;
        try {
            if (key != null) {
                policy = new SignaturePolicy.Key(PublicKeys.read(env.workingDirectory().resolve(key)));
            } else {
                policy = new KeylessPolicy(TrustedRoot.read(env.workingDirectory().resolve(trustedRoot)),
                        identity != null ? KeylessPolicy.Matcher.exact(identity) : KeylessPolicy.Matcher.regexp(identityRegexp),
                        issuer != null ? KeylessPolicy.Matcher.exact(issuer) : KeylessPolicy.Matcher.regexp(issuerRegexp));
            }
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
                entries.add(new ImageVerifyReport.Entry(ref, verifier.check(verifier.fetch(ref), policy), null));
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
