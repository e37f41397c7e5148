package dev.kubeward.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.SignatureStatus;
import dev.kubeward.image.TestImages;
import dev.kubeward.image.oci.FakeRegistry;
import dev.kubeward.image.oci.RegistryClient;
import dev.kubeward.image.oci.RegistryCredentials;
import dev.kubeward.image.sign.CosignFixtures;
import dev.kubeward.image.sign.SignatureCache;
import dev.kubeward.image.sign.SignaturePolicy;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** images.requireSignature at admission: answered from a cache read in the background, never waiting for the registry. */
class AdmissionSignaturesTest {
    FakeRegistry registry;
    KeyPair team;
    SignatureCache cache;
    SignatureStatus status;

    @BeforeEach
    void setUp() throws Exception {
        registry = new FakeRegistry();
        team = CosignFixtures.p256();
        String signed = registry.push("org/app", "1.0", TestImages.image().layer(TestImages.layer().file("/a", "1"))).manifestDigest();
        registry.push("org/bad", "1.0", TestImages.image().layer(TestImages.layer().file("/b", "2")));
        CosignFixtures.sign(registry, "org/app", signed, List.of(team));
        cache = new SignatureCache(new RegistryClient(new RegistryClient.Options(Set.of(registry.host()), RegistryCredentials.none(),
                Duration.ofSeconds(10))), 2, 100, Duration.ofMinutes(5), Clock.systemUTC());
        SignaturePolicy key = new SignaturePolicy.Key(team.getPublic());
        status = (image, rule) -> {
            SignatureCache.Verdict v = cache.verdict(image, "rule" + rule.index(), key);
            return new SignatureStatus.Verdict(SignatureStatus.State.valueOf(v.state().name()), v.digest(), v.detail());
        };
    }

    @AfterEach
    void stop() {
        cache.close();
        registry.close();
    }

    AdmissionEngine engine() throws Exception {
        return Reviews.engine("""
                images:
                  requireSignature:
                    - image: "%s/org/*"
                      key: cosign.pub
                admission:
                  modes:
                    image-signature-required: enforce
                """.formatted(registry.host())).signatures(status);
    }

    JsonNode review(AdmissionEngine engine, String repo) throws Exception {
        return Reviews.answer(new AdmissionEndpoints(engine), Reviews.create(Reviews.yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers:
                  - name: web
                    image: %s/%s:1.0
                """.formatted(registry.host(), repo)), "shop")).path("response");
    }

    @Test
    void anImageNotReadYetIsAllowedWithAWarningThenUnsignedIsDeniedAndSignedAllowed() throws Exception {
        AdmissionEngine engine = engine();
        // Hold the registry: the review must not wait for it.
        registry.stallManifests = true;
        long start = System.nanoTime();
        JsonNode first = review(engine, "org/bad");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(first.path("allowed").asBoolean()).isTrue();
        assertThat(first.path("warnings").toString()).contains("image-signature-required").contains("is not verified yet");
        registry.stallManifests = false;
        awaitRead(registry.host() + "/org/bad:1.0");
        awaitRead(registry.host() + "/org/app:1.0");
        JsonNode bad = review(engine, "org/bad");
        assertThat(bad.path("allowed").asBoolean()).as(bad.toString()).isFalse();
        assertThat(bad.path("status").path("message").asText()).contains("[image-signature-required]").contains("no cosign signature");
        JsonNode good = review(engine, "org/app");
        assertThat(good.path("allowed").asBoolean()).as(good.toString()).isTrue();
        assertThat(good.path("warnings").toString()).doesNotContain("image-signature-required");
        // Each reference and digest was read once, however many reviews asked.
        int reads = cache.reads();
        review(engine, "org/bad");
        review(engine, "org/app");
        assertThat(cache.reads()).isEqualTo(reads);
    }

    void awaitRead(String image) throws Exception {
        cache.prefetch(image).get(20, java.util.concurrent.TimeUnit.SECONDS);
    }
}
