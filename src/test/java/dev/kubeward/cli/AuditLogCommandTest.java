package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String READ = "src/test/resources/runtime/read";
    static final String FIXTURES = "src/test/resources/runtime/detections";

    @Test
    void textAlertsEndWithASummaryAndFailOnDecidesTheExitCode() {
        CliRunner r = CliRunner.run("audit-log", READ + "/kube-apiserver.log", READ + "/eventlist.json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("critical  object-check  jane from 172.18.0.1 created Pod shop/debug: container \"debug\" runs privileged "
                + "(privileged-container at spec.containers[0].securityContext.privileged)  [" + READ + "/eventlist.json:6 ");
        assertThat(r.out()).contains("medium    pod-exec  jane from 172.18.0.1 ran 'sh' in pod shop/web-0 (container web)");
        assertThat(r.out().strip()).endsWith("4 alerts (1 critical, 1 high, 2 medium) from 5 events");
        assertThat(CliRunner.run("audit-log", READ + "/kube-apiserver.log", "--fail-on", "critical").exitCode()).isZero();
        CliRunner quiet = CliRunner.run("audit-log", READ + "/kube-apiserver.log", "-q", "--min-severity", "high");
        assertThat(quiet.out().strip()).isEqualTo("1 alert (1 high) from 3 events");
    }

    @Test
    void jsonLinesAreOneAlertPerLineEachValidAgainstTheSchema() throws Exception {
        CliRunner r = CliRunner.run("audit-log", READ + "/kube-apiserver.log", "-f", "jsonl");
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        JsonNode schema = JSON.readTree(Path.of("schemas/audit-log.schema.json").toFile());
        ObjectNode alertSchema = ((ObjectNode) schema.deepCopy()).put("$ref", "#/$defs/alert");
        alertSchema.remove(List.of("required", "properties", "type"));
        var validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(alertSchema);
        for (String line : lines) {
            JsonNode alert = JSON.readTree(line);
            assertThat(validator.validate(alert)).as(line).isEmpty();
            assertThat(alert.has("detection") && alert.has("auditID") && alert.has("sourceIPs") && alert.has("objectRef")).isTrue();
        }
        assertThat(r.err()).contains("3 alerts (1 high, 2 medium) from 3 events");
        assertThat(validator.validate(JSON.readTree("{\"detection\":\"x\"}"))).isNotEmpty();
    }

    @Test
    void anObjectRuleAlertCarriesTheFindingWithItsPath() throws Exception {
        CliRunner r = CliRunner.run("audit-log", FIXTURES + "/object-check/fire.jsonl", "-f", "json", "--fail-on", "none");
        JsonNode doc = JSON.readTree(r.out());
        JsonNode first = null;
        for (JsonNode a : doc.get("alerts")) {
            if (a.at("/finding/check").asText().equals("privileged-container")) {
                first = a;
            }
        }
        assertThat(first.get("detection").asText()).isEqualTo("object-check");
        assertThat(first.at("/finding/check").asText()).isEqualTo("privileged-container");
        assertThat(first.at("/finding/path").asText()).isEqualTo("spec.containers[0].securityContext.privileged");
        assertThat(first.at("/finding/object").asText()).isEqualTo("Pod shop/debug");
        assertThat(first.get("severity").asText()).isEqualTo("critical");
        assertThat(doc.at("/summary/alerts").asInt()).isEqualTo(5);
    }

    @Test
    void malformedLinesAreReportedAndTheRestRead(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("audit.log");
        Files.writeString(log, Files.readString(Path.of(READ, "kube-apiserver.log")) + "{\"kind\":\"Event\",\"audit\n");
        CliRunner r = CliRunner.run("audit-log", log.toString(), "--fail-on", "none");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(log + ":4: not JSON: the text ends inside a JSON value; line skipped");
        assertThat(r.out()).contains("3 alerts (1 high, 2 medium) from 3 events (1 malformed)");
        assertThat(r.err()).doesNotContain("Exception");
        CliRunner missing = CliRunner.run("audit-log", dir.resolve("nope.log").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.log: no such file");
    }

    @Test
    void eventsADetectionCannotJudgeAreCountedAndReported(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("audit.log");
        Files.write(log, Files.readAllLines(Path.of(FIXTURES, "object-check/pass.jsonl")).stream().filter(l -> !l.startsWith("#")).toList());
        String pass = log.toString();
        CliRunner text = CliRunner.run("audit-log", pass, "--fail-on", "none");
        assertThat(text.out()).contains("1 event not evaluated by object-check: no object in the event: a create or update shows it "
                + "at the Request level and above\n");
        assertThat(text.out()).contains("1 event not evaluated by object-check: no responseObject: a patch shows its object only at the "
                + "RequestResponse level\n");
        assertThat(text.out().strip()).endsWith("from 7 events (2 not evaluated)");
        assertThat(CliRunner.run("audit-log", pass, "-q", "--fail-on", "none").out().strip())
                .isEqualTo("0 alerts from 7 events (2 not evaluated)");
        CliRunner lines = CliRunner.run("audit-log", pass, "-f", "jsonl", "--fail-on", "none");
        assertThat(lines.out()).isEmpty();
        assertThat(lines.err()).contains("1 event not evaluated by object-check: no object in the event");
        JsonNode doc = JSON.readTree(CliRunner.run("audit-log", pass, "-f", "json", "--fail-on", "none").out());
        assertThat(doc.at("/summary/notEvaluated").asInt()).isEqualTo(2);
        assertThat(doc.at("/summary/notEvaluatedBy/0/detection").asText()).isEqualTo("object-check");
        assertThat(doc.at("/summary/notEvaluatedBy/0/events").asInt()).isEqualTo(1);
        JsonNode schema = JSON.readTree(Path.of("schemas/audit-log.schema.json").toFile());
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(doc)).isEmpty();
    }

    private static final String EXEC = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
            + "\"auditID\":\"%s\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/shop/pods/web-0/exec?command=sh\","
            + "\"verb\":\"create\",\"user\":{\"username\":\"jane\",\"groups\":[\"system:authenticated\"]},\"sourceIPs\":[\"10.0.0.1\"],"
            + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"shop\",\"name\":\"web-0\",\"apiVersion\":\"v1\","
            + "\"subresource\":\"exec\"},\"responseStatus\":{\"code\":101},\"requestReceivedTimestamp\":\"2026-11-30T10:00:00Z\"}\n";

    private static void append(Path f, String text) throws Exception {
        Files.writeString(f, text, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Waits (polling, with a deadline) until the command has written {@code n} alert lines; returns them. */
    private static List<String> awaitAlerts(java.io.StringWriter out, int n) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        List<String> alerts;
        do {
            alerts = out.toString().lines().toList();
            if (alerts.size() >= n) {
                return alerts;
            }
            Thread.sleep(5);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + n + " alerts in time, got: " + alerts);
    }

    @Test
    void followReadsAGrowingLogAcrossRotationAndTruncationUntilStopped(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("audit.log");
        Path older = dir.resolve("old.log");
        Files.writeString(older, EXEC.formatted("a0"));
        append(log, EXEC.formatted("a1") + EXEC.formatted("a2"));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int[] code = {-1};
        Thread command = new Thread(() -> code[0] = Main.run(new String[] {"audit-log", older.toString(), log.toString(),
            "--follow", "-f", "jsonl", "--fail-on", "none"}, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true)));
        command.start();
        try {
            awaitAlerts(out, 3);
            append(log, EXEC.formatted("a3"));
            awaitAlerts(out, 4);
            // Rotation as lumberjack does it, with a line cut short: rename, a new file at the old name.
            append(log, "{\"kind\":\"Event\",\"audit");
            Files.move(log, dir.resolve("audit-2026-11-30T10-00-00.000.log"));
            append(log, EXEC.formatted("a4") + EXEC.formatted("a5"));
            awaitAlerts(out, 6);
            // copytruncate: the same file cut to nothing and written again, shorter than what was read.
            Files.write(log, new byte[0], java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
            append(log, EXEC.formatted("a6"));
            List<String> alerts = awaitAlerts(out, 7);
            assertThat(command.isAlive()).as("--follow keeps reading").isTrue();
            command.interrupt();
            command.join(20_000);
            assertThat(command.isAlive()).isFalse();
            assertThat(alerts).extracting(l -> JSON.readTree(l).get("auditID").asText())
                    .containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6");
            assertThat(JSON.readTree(alerts.get(1)).at("/source/file").asText()).isEqualTo(log.toString());
            assertThat(err.toString()).contains(log + ":4: not JSON: the text ends inside a JSON value; line skipped")
                    .contains("7 alerts (7 medium) from 7 events (1 malformed)").doesNotContain("Exception");
            assertThat(code[0]).isEqualTo(2);
        } finally {
            command.interrupt();
            command.join(20_000);
        }
    }

    @Test
    void gzipAndRotatedFilesInADirectoryAreReadOldestFirst(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(READ, "kube-apiserver.log"));
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("audit-2026-11-30T10-00-00.000.log.gz")))) {
            gz.write((lines.get(0) + "\n").getBytes());
        }
        Files.writeString(dir.resolve("audit.log"), lines.get(1) + "\n" + lines.get(0) + "\n");
        CliRunner r = CliRunner.run("audit-log", dir.toString(), "-f", "json", "--fail-on", "none");
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.at("/summary/events").asInt()).isEqualTo(3);
        assertThat(doc.at("/summary/duplicates").asInt()).isEqualTo(1);
        assertThat(doc.get("alerts").get(0).at("/source/file").asText()).endsWith(".log.gz");
    }

    @Test
    void theTimeWindowKeepsEventsReceivedWithinIt() {
        CliRunner r = CliRunner.run("audit-log", READ + "/kube-apiserver.log", "--since", "2026-11-30T10:15:03Z",
                "--until", "2026-11-30T10:15:04Z", "--fail-on", "none");
        assertThat(r.out()).doesNotContain("pod-exec").contains("secret-read");
        assertThat(r.out().strip()).endsWith("from 1 event (2 outside the time window)");
        CliRunner bad = CliRunner.run("audit-log", READ + "/kube-apiserver.log", "--since", "yesterday");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--since: 'yesterday' is neither an RFC 3339 time");
    }

    @Test
    void thePolicySaysWhichDetectionsItFeeds(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                apiVersion: audit.k8s.io/v1
                kind: Policy
                omitStages: [RequestReceived]
                rules:
                  - level: None
                    resources: [{group: "", resources: [secrets]}]
                  - level: Metadata
                """);
        CliRunner r = CliRunner.run("audit-log", READ + "/kube-apiserver.log", "--policy", policy.toString(), "--fail-on", "none");
        assertThat(r.out()).containsPattern("BLIND\\s+secret-read\\s+get secrets db-credentials in shop as jane: not logged: rule 0 is level None");
        assertThat(r.out()).containsPattern("BLIND\\s+object-check\\s+create pods in shop as jane: logged at Metadata, needs Request");
        assertThat(r.out()).containsPattern("FED\\s+pod-exec");
        assertThat(r.out()).contains("(Falco's Pod Created in Kube Namespace would fire on every such request)");
        assertThat(r.out()).containsPattern("19 detections: \\d+ fed, \\d+ partly fed, \\d+ blind; 2 whose Falco rules would fire");
        JsonNode json = JSON.readTree(CliRunner.run("audit-policy", policy.toString(), "-f", "json").out());
        JsonNode secret = null;
        for (JsonNode d : json.get("detections")) {
            if (d.get("detection").asText().equals("secret-read")) {
                secret = d;
            }
        }
        assertThat(secret.get("status").asText()).isEqualTo("blind");
        assertThat(secret.at("/requests/0/rule").asInt()).isZero();
        assertThat(CliRunner.run("audit-policy", policy.toString()).out()).contains("Runtime detections (kubeward audit-log) this policy feeds:");
    }

    @Test
    void aBadRuntimeSectionIsAnErrorAtItsLine(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("k.yaml");
        Files.writeString(cfg, "runtime:\n  detections:\n    pod-exek: {enabled: false}\n");
        CliRunner r = CliRunner.run("audit-log", READ + "/kube-apiserver.log", "-c", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(cfg + ":3: unknown detection 'pod-exek' (see 'kubeward detections')");
    }

    @Test
    void detectionsListsAsChecksDoesAndDocsAreCurrent() throws Exception {
        CliRunner text = CliRunner.run("detections");
        assertThat(text.out()).contains("pod-exec").endsWith("19 detections (10 with a Falco counterpart)" + System.lineSeparator());
        JsonNode json = JSON.readTree(CliRunner.run("detections", "-f", "json").out());
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        json.get("detections").forEach(d -> byId.put(d.get("id").asText(), d));
        JsonNode exec = byId.get("pod-exec");
        assertThat(exec.get("id").asText()).isEqualTo("pod-exec");
        assertThat(exec.get("falco").get(0).asText()).isEqualTo("Attach/Exec Pod");
        assertThat(exec.get("stages")).hasSize(2);
        JsonNode impersonation = byId.get("impersonation");
        assertThat(impersonation.get("id").asText()).isEqualTo("impersonation");
        assertThat(impersonation.get("falco").isNull()).isTrue();
        String markdown = CliRunner.run("detections", "-f", "markdown").out();
        assertThat(Files.readString(Path.of("docs/detections.md")))
                .as("docs/detections.md is generated: ./kubeward detections --format markdown > docs/detections.md")
                .isEqualTo(markdown);
    }

    @Test
    void standardInputIsReadWhenNoFileIsNamed() throws Exception {
        java.io.InputStream saved = System.in;
        try {
            System.setIn(Files.newInputStream(Path.of(READ, "kube-apiserver.log")));
            CliRunner r = CliRunner.run("audit-log", "-f", "jsonl", "--fail-on", "none");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out().strip().split("\n")).hasSize(3);
            assertThat(JSON.readTree(r.out().split("\n")[0]).at("/source/file").asText()).isEqualTo("<stdin>");
        } finally {
            System.setIn(saved);
        }
    }
}
