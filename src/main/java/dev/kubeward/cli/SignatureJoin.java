package dev.kubeward.cli;

import dev.kubeward.check.Config;
import dev.kubeward.check.SignatureRule;
import dev.kubeward.check.SignatureStatus;
import dev.kubeward.image.oci.RegistryClient;
import dev.kubeward.image.sign.KeylessPolicy;
import dev.kubeward.image.sign.PublicKeys;
import dev.kubeward.image.sign.SignatureCache;
import dev.kubeward.image.sign.SignatureException;
import dev.kubeward.image.sign.SignaturePolicy;
import dev.kubeward.image.sign.TrustedRoot;
import dev.kubeward.model.Container;
import dev.kubeward.model.ImageRef;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code images.requireSignature} in {@code scan --images}: the policies of the rules (their keys read
 * relative to the configuration file), and the signatures of every image a rule covers read from the
 * registry before the checks run, each reference and digest once, a few at a time.
 */
final class SignatureJoin {
    /** How many registry reads run at once. */
    static final int THREADS = 4;

    private SignatureJoin() {}

    /** A rule's policy could not be made (a key file that cannot be read): the message names the configuration's line. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** The policy of each rule, by index. */
    static List<SignaturePolicy> policies(Config config, Path base) throws Invalid {
        List<SignaturePolicy> out = new ArrayList<>();
        for (SignatureRule rule : config.signatureRules()) {
            String at = rule.file() + ":" + rule.line() + ": " + rule.name();
            if (rule.keyless()) {
                try {
                    out.add(new KeylessPolicy(TrustedRoot.read(base.resolve(rule.trustedRoot())),
                            rule.identity() != null ? KeylessPolicy.Matcher.exact(rule.identity())
                                    : KeylessPolicy.Matcher.regexp(rule.identityRegexp()),
                            rule.issuer() != null ? KeylessPolicy.Matcher.exact(rule.issuer())
                                    : KeylessPolicy.Matcher.regexp(rule.issuerRegexp())));
                } catch (SignatureException e) {
                    throw new Invalid(at + ".trustedRoot: " + e.getMessage());
                }
                continue;
            }
            try {
                out.add(new SignaturePolicy.Key(PublicKeys.read(base.resolve(rule.key()))));
            } catch (SignatureException e) {
                throw new Invalid(at + ".key: " + e.getMessage());
            }
        }
        return out;
    }

    /** The images (as written) of the targets' containers that some rule covers. */
    static Set<String> covered(Config config, List<Resource> targets) {
        Set<String> out = new LinkedHashSet<>();
        for (Resource r : targets) {
            for (PodTemplate pod : PodTemplate.all(r, config.workloadKinds())) {
                for (Container c : pod.containers()) {
                    String image = c.image();
                    if (image == null || image.isBlank()) {
                        continue;
                    }
                    ImageRef ref = ImageRef.parse(image);
                    String ns = r.effectiveNamespace();
                    for (SignatureRule rule : config.signatureRules()) {
                        if (rule.covers(ns, rule.image() != null && dev.kubeward.checks.image.ImageRules.covers(rule.image(), ref))) {
                            out.add(image);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Reads the signatures of every covered image (waiting for all of them) and answers from what was read. */
    static SignatureStatus verify(Config config, Path base, List<Resource> targets, RegistryClient.Options registry,
            OutputOptions output) throws Invalid {
        List<SignaturePolicy> policies = policies(config, base);
        SignatureCache cache = new SignatureCache(new RegistryClient(registry), THREADS, 100_000, null, Clock.systemUTC());
        Set<String> images = covered(config, targets);
        try (Progress progress = output.progress("reading signatures")) {
            List<CompletableFuture<?>> reads = new ArrayList<>();
            for (String image : images) {
                output.verbose("reading the signatures of " + image);
                reads.add(cache.prefetch(image));
            }
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
        }
        cache.close();
        output.verbose(images.size() + " image" + (images.size() == 1 ? "" : "s") + " covered by images.requireSignature, "
                + cache.reads() + " registry read" + (cache.reads() == 1 ? "" : "s"));
        return (image, rule) -> {
            SignatureCache.Verdict v = cache.verdict(image, "rule" + rule.index(), policies.get(rule.index()));
            return new SignatureStatus.Verdict(SignatureStatus.State.valueOf(v.state().name()), v.digest(), v.detail());
        };
    }
}
