package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scan --baseline-out / --baseline: a baseline keeps holding when manifests move to other files,
 * lists are reordered and unrelated fields change; only what a change adds is new, and what it
 * fixes is listed as no longer found.
 */
class BaselineCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: app
                    image: nginx:1.25
                    securityContext:
                      privileged: true
                    env:
                    - {name: A, value: "1"}
                    - {name: B, value: "2"}
                  - name: sidecar
                    image: busybox:latest
                    securityContext:
                      allowPrivilegeEscalation: true
            """;

    private static final String API = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: api
              namespace: shop
            spec:
              hostNetwork: true
              containers:
              - name: api
                image: registry.example/api:2.0
            """;

    @TempDir
    Path dir;
    Path base;

    @BeforeEach
    void recordBaseline() throws Exception {
        Files.createDirectories(dir.resolve("k8s"));
        Files.writeString(dir.resolve("k8s/web.yaml"), WEB);
        Files.writeString(dir.resolve("k8s/api.yaml"), API);
        base = dir.resolve("baseline.json");
        CliRunner r = CliRunner.run("scan", dir.resolve("k8s").toString(), "--baseline-out", base.toString(), "--fail-on", "none", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private JsonNode scanWithBaseline(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("scan", dir.resolve("k8s").toString(), "--baseline", base.toString(),
                "-f", "json", "--fail-on", "low"));
        args.addAll(List.of(extra));
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        return JSON.readTree(r.out());
    }

    private static List<String> newFindings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            if (f.path("baselineState").asText().equals("new")) {
                out.add(f.get("checkId").asText() + " " + f.get("path").asText());
            }
        }
        return out;
    }

    @Test
    void theFileRecordsEveryUnsuppressedFindingByIdentityNotByPlace() throws Exception {
        JsonNode b = JSON.readTree(base.toFile());
        assertThat(b.get("kind").asText()).isEqualTo("KubewardBaseline");
        assertThat(b.get("entries")).isNotEmpty();
        for (JsonNode e : b.get("entries")) {
            assertThat(e.has("line")).isFalse();
            assertThat(e.has("column")).isFalse();
            assertThat(e.get("fingerprint").asText()).matches("[0-9a-f]{64}");
        }
        assertThat(b.get("entries").findValuesAsText("path")).contains(
                "spec.template.spec.containers[name=app].securityContext.privileged");
    }

    @Test
    void anUnchangedInputHasNothingNewAndPassesTheGate() throws Exception {
        CliRunner r = CliRunner.run("scan", dir.resolve("k8s").toString(), "--baseline", base.toString(), "--fail-on", "low");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("no findings").contains("baselined");
        JsonNode report = scanWithBaseline();
        assertThat(newFindings(report)).isEmpty();
        assertThat(report.at("/summary/findings").asInt()).isZero();
        assertThat(report.at("/summary/baselined").asInt()).isEqualTo(report.get("findings").size());
        assertThat(report.at("/baseline/absent")).isEmpty();
        assertThat(report.at("/summary/failed").asBoolean()).isFalse();
    }

    @Test
    void movingManifestsToAnotherFileKeepsTheBaseline() throws Exception {
        Files.delete(dir.resolve("k8s/web.yaml"));
        Files.delete(dir.resolve("k8s/api.yaml"));
        Files.createDirectories(dir.resolve("k8s/apps"));
        // Both objects in one file, in the other order, below a comment that moves every line.
        Files.writeString(dir.resolve("k8s/apps/all.yaml"), "# moved\n\n" + API + "---\n" + WEB);
        JsonNode report = scanWithBaseline();
        assertThat(newFindings(report)).isEmpty();
        assertThat(report.at("/baseline/absent")).isEmpty();
    }

    @Test
    void reorderingContainersEnvAndKeysKeepsTheBaseline() throws Exception {
        String reordered = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  namespace: shop
                  name: web
                spec:
                  selector:
                    matchLabels: {app: web}
                  replicas: 2
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                      - name: sidecar
                        securityContext:
                          allowPrivilegeEscalation: true
                        image: busybox:latest
                      - name: app
                        env:
                        - {name: B, value: "2"}
                        - {name: A, value: "1"}
                        securityContext:
                          privileged: true
                        image: nginx:1.25
                """;
        Files.writeString(dir.resolve("k8s/web.yaml"), reordered);
        JsonNode report = scanWithBaseline();
        assertThat(newFindings(report)).isEmpty();
        assertThat(report.at("/baseline/absent")).isEmpty();
    }

    @Test
    void unrelatedEditsKeepTheBaseline() throws Exception {
        Files.writeString(dir.resolve("k8s/web.yaml"), WEB.replace("replicas: 2", "replicas: 5")
                .replace("labels: {app: web}", "labels: {app: web, tier: front}")
                .replace("- {name: B, value: \"2\"}", "- {name: B, value: \"3\"}\n        - {name: C, value: \"4\"}"));
        JsonNode report = scanWithBaseline();
        assertThat(newFindings(report)).isEmpty();
        assertThat(report.at("/baseline/absent")).isEmpty();
    }

    @Test
    void whatAChangeAddsIsNewAndFailsTheGate() throws Exception {
        Files.writeString(dir.resolve("k8s/api.yaml"), API.replace("hostNetwork: true", "hostNetwork: true\n  hostPID: true"));
        JsonNode report = scanWithBaseline();
        assertThat(newFindings(report)).containsExactly("host-pid spec.hostPID");
        assertThat(report.at("/summary/findings").asInt()).isEqualTo(1);
        assertThat(report.at("/summary/failed").asBoolean()).isTrue();
    }

    @Test
    void changingTheOffendingValueIsNew() throws Exception {
        Files.writeString(dir.resolve("k8s/web.yaml"), WEB.replace("busybox:latest", "busybox:unstable"));
        JsonNode report = scanWithBaseline();
        assertThat(newFindings(report)).isNotEmpty()
                .allMatch(f -> f.contains("containers[1].image"));
        assertThat(report.at("/baseline/absent").findValuesAsText("path"))
                .allMatch(p -> p.equals("spec.template.spec.containers[name=sidecar].image"));
    }

    @Test
    void whatAChangeFixesIsListedAsNoLongerFound() throws Exception {
        Files.writeString(dir.resolve("k8s/web.yaml"), WEB.replace("privileged: true", "privileged: false"));
        JsonNode report = scanWithBaseline();
        assertThat(newFindings(report)).isEmpty();
        assertThat(report.at("/baseline/absent").findValuesAsText("checkId")).contains("privileged-container");
        CliRunner text = CliRunner.run("scan", dir.resolve("k8s").toString(), "--baseline", base.toString());
        assertThat(text.out()).contains("No longer found (in baseline " + base + "):")
                .contains("privileged-container  Deployment shop/web  spec.template.spec.containers[name=app].securityContext.privileged");
        Files.delete(dir.resolve("k8s/api.yaml"));
        JsonNode gone = scanWithBaseline();
        assertThat(gone.at("/baseline/absent").findValuesAsText("name")).contains("api");
    }

    @Test
    void sarifCarriesBaselineStateNewUnchangedAndAbsent() throws Exception {
        Files.writeString(dir.resolve("k8s/web.yaml"), WEB.replace("privileged: true", "privileged: false")
                .replace("replicas: 2", "replicas: 2\n  paused: false"));
        Files.writeString(dir.resolve("k8s/api.yaml"), API.replace("hostNetwork: true", "hostNetwork: true\n  hostPID: true"));
        CliRunner r = CliRunner.run("scan", dir.resolve("k8s").toString(), "--baseline", base.toString(), "-f", "sarif");
        JsonNode results = SarifForGitHubTest.sarif(r).get("results");
        List<String> states = new ArrayList<>();
        for (JsonNode res : results) {
            states.add(res.get("baselineState").asText());
            if (res.get("baselineState").asText().equals("absent")) {
                assertThat(res.get("level").asText()).isEqualTo("none");
                assertThat(res.get("kind").asText()).isEqualTo("informational");
            }
        }
        assertThat(states).contains("new", "unchanged", "absent");
        assertThat(states.stream().filter("new"::equals)).hasSize(1);
    }

    @Test
    void junitSkipsBaselinedFindings() throws Exception {
        CliRunner r = CliRunner.run("scan", dir.resolve("k8s").toString(), "--baseline", base.toString(), "-f", "junit",
                "--fail-on", "low");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("failures=\"0\"").contains("<skipped message=\"baselined: in " + base + "\"/>");
    }

    @Test
    void aBrokenBaselineIsALocatedErrorWithExitCode2() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n  \"schemaVersion\": 1,\n  \"kind\": \"KubewardBaseline\",\n  \"entries\": [\n    {\"checkId\": \"x\"}\n  ]\n}\n");
        CliRunner r = CliRunner.run("scan", dir.resolve("k8s").toString(), "--baseline", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":5: entry without object.group").doesNotContain("Exception");
        Files.writeString(bad, "{\"schemaVersion\": 1, \"kind\": \"KubewardBaseline\", \"entries\": [ {]");
        r = CliRunner.run("scan", dir.resolve("k8s").toString(), "--baseline", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":1: not valid JSON");
        Files.writeString(bad, "{\"schemaVersion\": 1, \"findings\": []}");
        r = CliRunner.run("scan", dir.resolve("k8s").toString(), "--baseline", bad.toString());
        assertThat(r.err()).contains("not a kubeward baseline");
        r = CliRunner.run("scan", dir.resolve("k8s").toString(), "--baseline", dir.resolve("missing.json").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read baseline " + dir.resolve("missing.json"));
    }

    @Test
    void identicalFindingsAreCountedNotMerged() throws Exception {
        // A second copy of an object in another namespace is a second set of findings (a copy in
        // the same place is the same object: a duplicate-object notice, one set of findings).
        Files.writeString(dir.resolve("k8s/api-copy.yaml"), API.replace("namespace: shop", "namespace: shop-copy"));
        JsonNode report = scanWithBaseline();
        long baselineHostNetwork = 0;
        for (JsonNode e : JSON.readTree(base.toFile()).get("entries")) {
            baselineHostNetwork += e.get("checkId").asText().equals("host-network") ? 1 : 0;
        }
        assertThat(baselineHostNetwork).isEqualTo(1);
        assertThat(newFindings(report)).contains("host-network spec.hostNetwork");
    }
}
