package dev.kubeward.checks.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.ConfigException;
import dev.kubeward.model.ImageRef;
import dev.kubeward.source.YamlTreeBuilder;
import dev.kubeward.source.dockerfile.DockerfileReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules the Dockerfile-and-manifest checks apply, one table each. */
class BuildJoinSemanticsTest {

    private static ImageUser user(String dockerfile) throws Exception {
        return ImageUser.of(DockerfileView.of(DockerfileReader.read("Dockerfile", dockerfile)).orElseThrow()).orElse(null);
    }

    /** As the container runtime reads the image's User and the kubelet's verifyRunAsNonRoot judges it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // USER                     | user part | numeric | root  | invalid uid
        "app                        | app       | false   | false | false",
        "app:app                    | app       | false   | false | false",
        "root                       | root      | false   | true  | false",
        "0                          | 0         | true    | true  | false",
        "0:0                        | 0         | true    | true  | false",
        "000                        | 000       | true    | true  | false",
        "10001:10001                | 10001     | true    | false | false",
        "2147483647                 | 2147483647| true    | false | false",
        "2147483648                 | 2147483648| true    | false | true",
        "-1                         | -1        | true    | false | true",
        "+5                         | +5        | true    | false | false",
        "99999999999999999999       | 99999999999999999999 | true | false | true",
        "1000:root                  | 1000      | true    | false | false",
    })
    void theUserPartDecides(String userLine, String part, boolean numeric, boolean root, boolean invalid) throws Exception {
        ImageUser u = user("FROM alpine:3.20\nUSER " + userLine + "\n");
        assertThat(u.user()).isEqualTo(part);
        assertThat(u.numeric()).isEqualTo(numeric);
        assertThat(u.root()).isEqualTo(root);
        assertThat(u.invalidUid()).isEqualTo(invalid);
    }

    @Test
    void userIsInheritedThroughFromStageOnlyAndVariablesAreSubstituted() throws Exception {
        assertThat(user("FROM alpine AS a\nUSER app\nFROM a\nRUN true\n").user()).isEqualTo("app");
        ImageUser other = user("FROM alpine AS a\nUSER app\nFROM debian:12\nRUN true\n");
        assertThat(other.hasUser()).isFalse();
        assertThat(other.base()).isEqualTo("debian:12");
        assertThat(other.step().keyword()).isEqualTo("FROM");
        assertThat(user("FROM alpine\nUSER app\nUSER 1000\n").user()).isEqualTo("1000");
        assertThat(user("ARG U=svc\nFROM alpine\nARG U\nUSER ${U}:grp\n").describe()).isEqualTo("USER ${U}:grp (svc:grp)");
        assertThat(user("FROM alpine\nENV U=web\nUSER $U\n").user()).isEqualTo("web");
        assertThat(user("FROM alpine\nARG U\nUSER $U\n")).as("a --build-arg only: unknown").isNull();
        assertThat(user("ARG BASE\nFROM $BASE\nRUN true\n")).as("an unknown base: unknown").isNull();
        ImageUser scratch = user("FROM scratch\nCOPY app /app\n");
        assertThat(scratch.scratchWithoutUser()).isTrue();
        assertThat(user("FROM gcr.io/distroless/static:nonroot\n").nonRootBase()).isTrue();
        assertThat(user("FROM gcr.io/distroless/static:latest\n").nonRootBase()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "80          | 80-80/tcp",
        "80/tcp      | 80-80/tcp",
        "53/UDP      | 53-53/udp",
        "7946/sctp   | 7946-7946/sctp",
        "7000-7002   | 7000-7002/tcp",
        "7000-7002/udp | 7000-7002/udp",
        "0           | -",
        "65536       | -",
        "9-1         | -",
        "80/icmp     | -",
        "8080:80     | -",
        "http        | -",
        "99999999999 | -",
    })
    void exposeWordsAreReadAsBuildKitReadsThem(String word, String expected) {
        Optional<DockerfileExposeUndeclared.Ports> p = DockerfileExposeUndeclared.parse(word);
        assertThat(p.map(x -> x.first() + "-" + x.last() + "/" + x.protocol().name().toLowerCase()).orElse(null))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "nginx                          | -",
        "acme/shop                      | -",
        "ghcr.io/acme/shop              | -",
        "localhost:5000/shop            | -",
        "registry.example.com:5000/a/b-c__d.e | -",
        "ghcr.io/acme/shop:1.2          | has a tag",
        "nginx:latest                   | has a tag",
        "ghcr.io/acme/shop@sha256:abc   | has a digest",
        "ghcr.io/Acme/shop              | not a repository name",
        "acme//shop                     | not a repository name",
        "acme/shop-                     | not a repository name",
        "-bad.example.com/shop          | is not a registry host name",
    })
    void repositoriesFollowTheReferenceGrammar(String name, String problem) {
        String got = ImageRef.repositoryProblem(name);
        if (problem == null) {
            assertThat(got).isNull();
        } else {
            assertThat(got).contains(problem);
        }
    }

    @Test
    void repositoriesAreNormalisedAsTheRuntimeDoes() throws Exception {
        Config c = config("images:\n  builds:\n    a/Dockerfile: nginx\n    b/Dockerfile: index.docker.io/acme/b\n    c/Dockerfile: ghcr.io/acme/c\n");
        assertThat(c.builds()).extracting(b -> b.dockerfile() + "=" + b.repository() + "@" + b.line())
                .containsExactly("a/Dockerfile=docker.io/library/nginx@3", "b/Dockerfile=docker.io/acme/b@4",
                        "c/Dockerfile=ghcr.io/acme/c@5");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'images:\n  builds: [Dockerfile]\n'                       | cfg:2: images.builds must be a mapping",
        "'images:\n  builds:\n    Dockerfile: 3\n'                | cfg:3: images.builds: Dockerfile must map to an image repository",
        "'images:\n  builds:\n    Dockerfile: \"\"\n'             | cfg:3: images.builds: Dockerfile must map to an image repository",
        "'images:\n  builds:\n    Dockerfile: ghcr.io/a/b:v1\n'   | cfg:3: images.builds: Dockerfile: 'ghcr.io/a/b:v1' has a tag",
        "'images:\n  builds:\n    Dockerfile: Shop\n'             | cfg:3: images.builds: Dockerfile: 'Shop' is not a repository name",
        "'images:\n  build:\n    Dockerfile: shop\n'              | cfg:2: unknown key 'build'",
    })
    void badMappingsAreErrorsAtTheirLine(String yaml, String message) {
        assertThatThrownBy(() -> config(yaml)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.toString()).startsWith(message));
    }

    private static Config config(String yaml) throws Exception {
        var doc = YamlTreeBuilder.parse(yaml, 1);
        return Config.parse(doc.root(), "cfg", p -> doc.sourceMap().locate(doc.root(), p).line(), CheckRegistry.builtIn().ids());
    }
}
