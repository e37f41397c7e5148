package dev.kubeward.checks.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.model.ImageRef;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Origin;
import dev.kubeward.model.Resource;
import dev.kubeward.source.dockerfile.DockerfileReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DockerfileChecksTest {
    private static final String PINNED = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static List<Finding> scan(Config config, Resource r) {
        return new Scanner(new CheckRegistry(DockerfileFixturesTest.dockerfileChecks()), config)
                .scan(new Inventory(List.of(r)));
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::checkId).toList();
    }

    private static Config config(List<String> trusted, String rawYamlAsJson) throws Exception {
        return new Config(Set.of(), Set.of(), Map.of(), trusted, List.of(),
                rawYamlAsJson == null ? null : new ObjectMapper().readTree(rawYamlAsJson));
    }

    @Test
    void secretValuesNeverAppearInFindings() throws Exception {
        Resource r = DockerfileReader.read("Dockerfile",
                "FROM alpine\nENV DB_PASSWORD=hunter2\nARG API_KEY=sk-live-123\nENV GH_TOKEN ghp_abc\n");
        List<Finding> findings = scan(Config.DEFAULT, r).stream()
                .filter(f -> f.checkId().equals("dockerfile-secret-in-env")).toList();
        assertThat(findings).hasSize(3);
        assertThat(findings).allSatisfy(f -> assertThat(f.message())
                .doesNotContain("hunter2").doesNotContain("sk-live-123").doesNotContain("ghp_abc"));
        assertThat(findings.get(0).message()).contains("DB_PASSWORD");
    }

    @Test
    void otherKindsAreIgnored() {
        ObjectNode pod = new ObjectMapper().createObjectNode();
        pod.put("apiVersion", "v1").put("kind", "Pod").putObject("metadata").put("name", "p");
        Resource r = new Resource("v1", "Pod", null, "p", pod, new Origin("p.yaml", 0, null), List.of());
        assertThat(scan(Config.DEFAULT, r)).isEmpty();
        ObjectNode fake = new ObjectMapper().createObjectNode();
        Resource crd = new Resource("example.com/v1", "Dockerfile", null, "x", fake, new Origin("x.yaml", 0, null), List.of());
        assertThat(scan(Config.DEFAULT, crd)).isEmpty();
    }

    @Test
    void untrustedOnlyWhenRegistriesAreConfigured() throws Exception {
        Resource r = DockerfileReader.read("Dockerfile", "FROM quay.io/x/y:1" + PINNED + "\nUSER 1\nHEALTHCHECK NONE\n");
        assertThat(ids(scan(Config.DEFAULT, r))).isEmpty();
        assertThat(ids(scan(config(List.of("docker.io"), null), r))).containsExactly("dockerfile-base-untrusted");
        assertThat(ids(scan(config(List.of("quay.io/x"), null), r))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "docker.io,nginx,true", "docker.io,ghcr.io/a/b,false", "*.gcr.io,eu.gcr.io/p/img,true",
        "*.gcr.io,gcr.io/p/img,false", "ghcr.io/acme,ghcr.io/acme/api:1,true", "ghcr.io/acme,ghcr.io/acme2/api,false",
        "ghcr.io/acme/,ghcr.io/acme/team/api,true", "registry.example.com/team-*,registry.example.com/team-a/x,true",
        "index.docker.io,library/redis,true", "localhost:5000,localhost:5000/app,true"})
    void trustedRegistryEntries(String entry, String image, boolean trusted) {
        assertThat(dev.kubeward.checks.image.TrustedRegistries.covers(entry, ImageRef.parse(image))).isEqualTo(trusted);
    }

    @Test
    void minimalAndFullBasesAreConfigurable() throws Exception {
        Resource r = DockerfileReader.read("Dockerfile", "FROM ghcr.io/acme/fat:1" + PINNED + "\nUSER 1\nHEALTHCHECK NONE\n");
        assertThat(ids(scan(Config.DEFAULT, r))).isEmpty();
        Config fat = config(List.of(), "{\"dockerfile\":{\"fullBases\":[\"ghcr.io/acme/*\"]}}");
        assertThat(ids(scan(fat, r))).containsExactly("dockerfile-base-not-minimal");
        Config exempt = config(List.of(), "{\"dockerfile\":{\"fullBases\":[\"ghcr.io/acme/*\"],"
                + "\"minimalBases\":[\"ghcr.io/acme/fat\"]}}");
        assertThat(ids(scan(exempt, r))).isEmpty();
        Resource ubuntu = DockerfileReader.read("Dockerfile", "FROM ubuntu:24.04" + PINNED + "\nUSER 1\nHEALTHCHECK NONE\n");
        assertThat(ids(scan(Config.DEFAULT, ubuntu))).containsExactly("dockerfile-base-not-minimal");
        assertThat(ids(scan(fat, ubuntu))).isEmpty();
    }

    static Stream<Arguments> curlPipeShell() {
        return Stream.of(
                Arguments.of("curl -fsSL https://x | sh", true),
                Arguments.of("wget -qO- https://x | sudo bash -s -- -y", true),
                Arguments.of("curl https://x|/bin/bash", true),
                Arguments.of("sh -c \"$(curl -fsSL https://x)\"", true),
                Arguments.of("bash <(curl -s https://x)", true),
                Arguments.of("curl -o /tmp/i.sh https://x && sh /tmp/i.sh", false),
                Arguments.of("curl https://x || sh fallback.sh", false),
                Arguments.of("curl https://x | tar xz", false),
                Arguments.of("echo 'curl x | sh'", false));
    }

    @ParameterizedTest
    @MethodSource
    void curlPipeShell(String script, boolean expected) {
        assertThat(DockerfileCurlPipeShell.pipesDownloadIntoShell(script)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"root,true", "0,true", "0:0,true", "root:root,true", "root:app,true", "app,false",
        "10001:0,false", "$USER,false", "rootless,false", "00,true"})
    void rootUsers(String user, boolean root) {
        assertThat(DockerfileUserRoot.isRoot(user)).isEqualTo(root);
    }

    /**
     * USER judged with the values Docker substitutes: ARG defaults in scope in the stage (a global
     * ARG only where the stage re-declares it), ENV set earlier in the stage or inherited from the
     * parent stage (ENV wins over ARG). Anything the Dockerfile does not determine is not judged.
     */
    static Stream<Arguments> userVariables() {
        return Stream.of(
                Arguments.of("FROM alpine\nUSER root\n", true),
                Arguments.of("FROM alpine\nUSER app\n", false),
                Arguments.of("ARG APP_USER=root\nFROM alpine\nARG APP_USER\nUSER ${APP_USER}\n", true),
                Arguments.of("ARG APP_USER=root\nFROM alpine\nUSER ${APP_USER}\n", false),
                Arguments.of("ARG APP_USER=app\nFROM alpine\nARG APP_USER=root\nUSER $APP_USER\n", true),
                Arguments.of("FROM alpine\nARG APP_USER=root\nUSER ${APP_USER}\n", true),
                Arguments.of("FROM alpine\nARG APP_USER=app\nUSER ${APP_USER}\n", false),
                Arguments.of("FROM alpine\nENV U=root\nUSER $U\n", true),
                Arguments.of("FROM alpine\nENV U=0\nUSER $U\n", true),
                Arguments.of("FROM alpine\nENV U=0:0\nUSER $U\n", true),
                Arguments.of("FROM alpine\nENV U=root:root\nUSER $U\n", true),
                Arguments.of("FROM alpine\nENV U root\nUSER $U\n", true),
                Arguments.of("FROM alpine\nENV U=root G=0\nUSER ${U}:${G}\n", true),
                Arguments.of("FROM alpine\nARG UID=0\nUSER ${UID}:1000\n", true),
                Arguments.of("FROM alpine\nENV U=root\nENV U=app\nUSER $U\n", false),
                Arguments.of("FROM alpine\nARG U=app\nENV U=root\nUSER $U\n", true),
                Arguments.of("FROM alpine\nENV U=root\nARG U=app\nUSER $U\n", true),
                Arguments.of("FROM alpine\nENV U=root\nUSER ${U:-app}\n", true),
                Arguments.of("FROM alpine\nARG B=root\nENV U=$B\nUSER $U\n", true),
                Arguments.of("ARG B=root\nFROM alpine\nARG B\nENV U=${B}\nUSER $U\n", true),
                Arguments.of("FROM alpine AS base\nENV U=root\nFROM base\nUSER $U\n", true),
                Arguments.of("FROM alpine AS a\nENV U=root\nFROM a AS b\nFROM b\nUSER $U\n", true),
                Arguments.of("FROM alpine AS base\nARG U=root\nUSER $U\nFROM base\nHEALTHCHECK NONE\n", true),
                // not determined by the Dockerfile: --build-arg, the base image's ENV, an ARG not inherited
                Arguments.of("FROM alpine AS base\nARG U=root\nFROM base\nUSER $U\n", false),
                Arguments.of("FROM alpine\nARG U\nUSER $U\n", false),
                Arguments.of("FROM alpine\nUSER $HOME\n", false),
                Arguments.of("FROM alpine\nUSER ${NOPE:-root}\n", false),
                Arguments.of("FROM alpine\nENV U=$HOME\nUSER $U\n", false),
                Arguments.of("FROM alpine\nUSER \\$U\n", false));
    }

    @ParameterizedTest
    @MethodSource
    void userVariables(String dockerfile, boolean root) throws Exception {
        List<Finding> findings = scan(Config.DEFAULT, DockerfileReader.read("Dockerfile", dockerfile)).stream()
                .filter(f -> f.checkId().equals("dockerfile-user-root")).toList();
        assertThat(findings).as(dockerfile).hasSize(root ? 1 : 0);
    }

    /**
     * chmod that leaves files writable by others: octal modes with the others-write bit, symbolic
     * modes that add w for o or a. The sticky bit (1777, a+rwxt: what /tmp has) is not reported;
     * neither is +w without who, which respects the umask (022 keeps others from writing).
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "chmod 777 /x | true", "chmod 0777 /x | true", "chmod 00777 /x | true", "chmod 666 /x | true",
        "chmod 002 /x | true", "chmod 757 /x | true", "chmod 2777 /x | true", "chmod 4777 /x | true",
        "chmod 775 /x | false", "chmod 755 /x | false", "chmod 644 /x | false", "chmod 0 /x | false",
        "chmod 1777 /tmp | false", "chmod 01777 /tmp | false", "chmod 3777 /tmp | false",
        "chmod 77777 /x | false", "chmod 778 /x | false",
        "chmod -R 777 /d | true", "chmod --recursive 777 /d | true", "chmod -Rv 0777 /d | true",
        "chmod -R -v -c -f 666 /d | true", "chmod -- 777 /d | true", "chmod --verbose a+w /d | true",
        "chmod a+w /x | true", "chmod o+w /x | true", "chmod +w /x | false", "chmod u+w /x | false",
        "chmod g+w /x | false", "chmod ug+w /x | false", "chmod a+rwx /x | true", "chmod ugo+rwx /x | true",
        "chmod o=rwx /x | true", "chmod a=rwx /x | true", "chmod o+rwx /x | true", "chmod ugo=rw /x | true",
        "chmod u+x,o+w /x | true", "chmod u+x,g+w /x | false", "chmod a+rwx,o-w /x | false",
        "chmod o+w-w /x | false", "chmod o-w+w /x | true", "chmod a+rwxt /tmp | false", "chmod +t,a+rwx /tmp | false",
        "chmod a-w /x | false", "chmod =rwx /x | false", "chmod a+X /x | false", "chmod -w /x | false",
        "chmod --reference=/etc/passwd /x | false", "chmod $MODE /x | false", "chmod | false",
        "mkdir /d && chmod -R 777 /d | true", "chmod 755 /a && chmod a+rx /b | false",
        "sudo chmod a+rwx /app | true", "echo chmod 777 /x | false", "/bin/chmod 0666 /x | true",
    })
    void worldWritableChmod(String script, boolean expected) {
        assertThat(DockerfileChmod777.worldWritableChmod(script).isPresent()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"777|true", "0777|true", "666|true", "0755|false", "644|false",
        "1777|false", "a+rwx|true", "u=rwx,g=rx,o=rwx|true", "u=rwx,go=rx|false"})
    void worldWritableCopyMode(String mode, boolean expected) {
        assertThat(DockerfileChmod777.worldWritable(mode)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"22,true", "22/tcp,true", "22/TCP,true", "22/udp,false", "2222,false", "20-25,true",
        "8080,false", "$PORT,false"})
    void sshPorts(String port, boolean ssh) {
        assertThat(DockerfileSshPort.isSsh(port)).isEqualTo(ssh);
    }

    @ParameterizedTest
    @CsvSource({"DB_PASSWORD,true", "github_token,true", "AWS_SECRET_ACCESS_KEY,true", "PRIVATE_KEY,true",
        "API-KEY,true", "PASSWORD_FILE,false", "SECRET_NAME,false", "GPG_KEY,false", "HOME,false"})
    void secretNames(String name, boolean secret) {
        assertThat(DockerfileSecretInEnv.looksLikeSecret(name)).isEqualTo(secret);
    }

    @Test
    void shellCommandsAreSplitOnOperatorsButNotInsideQuotes() {
        List<ShellScript.Command> commands = ShellScript.parse(
                "FOO=1 sudo -u app apt-get install -y \"a b\" 2>&1 && echo 'x; y' | tee /log # trailing; comment");
        assertThat(commands).hasSize(3);
        assertThat(commands.get(0).program()).isEqualTo("sudo");
        assertThat(commands.get(0).unwrapped()).containsExactly("apt-get", "install", "-y", "a b", "2>&1");
        assertThat(commands.get(0).separator()).isEqualTo("&&");
        assertThat(commands.get(1).words()).containsExactly("echo", "x; y");
        assertThat(commands.get(2).words()).containsExactly("tee", "/log");
    }
}
