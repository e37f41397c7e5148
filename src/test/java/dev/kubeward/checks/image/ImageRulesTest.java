package dev.kubeward.checks.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.check.Config;
import dev.kubeward.model.ImageRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRulesTest {
    /** Digests are written @D1 and @D2 in the tables, to keep the rows readable. */
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    private static String digests(String text) {
        return text.replace("@D1", "@" + D1).replace("@D2", "@" + D2);
    }

    @ParameterizedTest(name = "{0} bans {1}: {2}")
    @CsvSource({
        // repository only: every tag and every digest of it
        "ubuntu, ubuntu, true",
        "ubuntu, ubuntu:22.04, true",
        "ubuntu, ubuntu@D1, true",
        "ubuntu, ubuntu:22.04@D1, true",
        "ubuntu, ubuntu-debootstrap:1, false",
        "ubuntu, acme/ubuntu:1, false",
        // repository and tag: that tag, also when pinned; an untagged image pulls latest
        "ubuntu:22.04, ubuntu:22.04, true",
        "ubuntu:22.04, ubuntu:22.04@D1, true",
        "ubuntu:22.04, ubuntu:24.04, false",
        "ubuntu:latest, ubuntu, true",
        "ubuntu:latest, ubuntu@D1, false",
        // repository and digest: only an image pinned to that digest, whatever its tag says
        "ubuntu@D1, ubuntu@D1, true",
        "ubuntu@D1, ubuntu:22.04@D1, true",
        "ubuntu@D1, docker.io/library/ubuntu@D1, true",
        "ubuntu@D1, ubuntu:22.04, false",
        "ubuntu@D1, ubuntu, false",
        "ubuntu@D1, ubuntu@D2, false",
        "ubuntu@D1, debian@D1, false",
        "ubuntu:22.04@D1, ubuntu:24.04@D1, true",
        "ubuntu:22.04@D1, ubuntu:22.04, false",
        "*@D1, quay.io/x/y@D1, true",
        "*@D1, quay.io/x/y:1, false",
        "ubuntu@sha256:*, ubuntu@D2, true",
        "ubuntu@sha256:*, ubuntu:22.04, false",
        // registry-qualified patterns
        "quay.io/acme/api, quay.io/acme/api:1.0, true",
        "quay.io/acme/api, docker.io/acme/api:1.0, false",
        "quay.io/acme/api:1.0, quay.io/acme/api:1.0, true",
        "quay.io/acme/api:1.0, quay.io/acme/api:2.0, false",
        "localhost:5000/app, localhost:5000/app:1, true",
        "localhost:5000/app:1, localhost:5000/app:1, true",
        "localhost:5000/app:1, localhost:5000/app:2, false",
        "quay.io/acme/*, quay.io/acme/api:1.0, true",
        "quay.io/acme/*, quay.io/other/api:1.0, false",
        // docker.io/library normalisation, both ways
        "docker.io/library/ubuntu, ubuntu:22.04, true",
        "docker.io/ubuntu, ubuntu:22.04, true",
        "index.docker.io/library/ubuntu:22.04, ubuntu:22.04, true",
        "ubuntu:22.04, docker.io/library/ubuntu:22.04, true",
        "library/ubuntu, ubuntu, true",
        "bitnami/redis, docker.io/bitnami/redis:7, true",
        "redis, bitnami/redis, false",
        // globs over tags
        "*:latest, nginx, true",
        "*:latest, nginx:latest, true",
        "*:latest, nginx:1.27, false",
        "*:latest, nginx@D1, false",
        "ubuntu:1?.04, ubuntu:14.04, true",
    })
    void bannedPatterns(String pattern, String image, boolean banned) {
        assertThat(ImageRules.matches(digests(pattern), ImageRef.parse(digests(image)))).isEqualTo(banned);
    }

    @ParameterizedTest(name = "requireDigest {0} in {1}: {2}")
    @CsvSource(nullValues = "null", value = {
        "true, null, true",
        "true, shop, true",
        "false, shop, false",
        "'[\"prod-*\"]', prod-eu, true",
        "'[\"prod-*\"]', dev, false",
        "'[\"prod-*\"]', null, false",
        "'[\"default\"]', default, true",
    })
    void digestRequired(String setting, String namespace, boolean required) throws Exception {
        Config config = new Config(Set.of(), Set.of(), Map.of(), List.of(), List.of(),
                new ObjectMapper().readTree("{\"images\": {\"requireDigest\": " + setting + "}}"));
        assertThat(ImageRules.digestRequired(config, namespace)).isEqualTo(required);
    }
}
