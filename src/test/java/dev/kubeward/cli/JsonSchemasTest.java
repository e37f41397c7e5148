package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's JSON against its schema in schemas/. The schemas as published let documents
 * carry fields they do not list (a field may be added within a schemaVersion); here they are made
 * strict, so that a field added to an output without its schema and docs/output-formats.md fails.
 */
class JsonSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCHEMAS = Path.of("schemas");
    private static final String RBAC = "src/test/resources/rbac-cli/shop";
    private static final String NETPOL = "src/test/resources/netpol-cli/shop";
    /** An image and a vulnerability database written before the runs (images scan). */
    private static final String IMAGES = "target/json-schemas-images";

    @org.junit.jupiter.api.BeforeAll
    static void writeImages() throws Exception {
        Path dir = Path.of(IMAGES);
        if (!Files.exists(dir.resolve("db"))) {
            dev.kubeward.image.ImageFixtures.debian(dev.kubeward.image.TestImages.Compression.GZIP)
                    .writeLayout(dir.resolve("debian"), "shop:1.0");
            dev.kubeward.image.ImageFixtures.database(dir.resolve("db"));
        }
        if (!Files.exists(dir.resolve("cosign.pub"))) {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            Files.writeString(dir.resolve("cosign.pub"), "-----BEGIN PUBLIC KEY-----\n"
                    + java.util.Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        }
    }

    /** Command (qualified name) → the schema of its JSON and runs that exercise it. */
    static Stream<Arguments> outputs() {
        return Stream.of(
                Arguments.of("scan", List.of("scan", "examples/insecure", "-f", "json", "--fail-on", "none")),
                Arguments.of("scan", List.of("scan", "src/test/resources/golden/input.yaml", "-f", "json", "--min-severity", "high")),
                Arguments.of("scan", List.of("scan", "src/test/resources/netpol-cli/bad-yaml", "-f", "json")),
                Arguments.of("scan", List.of("scan", "examples/insecure", "-f", "json", "-c", "examples/kubeward.yaml")),
                Arguments.of("scan", List.of("node", "--root", "src/test/resources/controlplane/node", "-f", "json")),
                Arguments.of("pss", List.of("pss", "examples/insecure", "--level", "restricted", "-f", "json")),
                Arguments.of("pss", List.of("pss", "src/test/resources/netpol-cli/bad-yaml", "--level", "baseline", "-f", "json")),
                Arguments.of("images", List.of("images", "examples/insecure", "-f", "json")),
                Arguments.of("images-scan", List.of("images", "scan", "oci:" + IMAGES + "/debian", "--rootfs", IMAGES + "/none",
                        "--db", IMAGES + "/db", "-f", "json")),
                // A registry that refuses the connection: the image is in the document as not read (the verified
                // shapes are checked against the schema in ImagesVerifyCommandTest).
                Arguments.of("images-verify", List.of("images", "verify", "127.0.0.1:1/org/app:1.0", "--key", IMAGES + "/cosign.pub",
                        "--insecure-registry", "127.0.0.1:1", "--registry-timeout", "5", "-f", "json")),
                Arguments.of("audit-policy", List.of("audit-policy", "src/test/resources/audit/leaky.yaml", "-f", "json")),
                Arguments.of("audit-policy", List.of("audit-policy", "src/test/resources/audit/gce-shape.yaml", "-f", "json")),
                Arguments.of("rbac-who-can", List.of("rbac", "who-can", "get", "secrets", "-n", "shop", RBAC, "-f", "json")),
                Arguments.of("rbac-who-can", List.of("rbac", "who-can", "create", "pods", "-n", "ops", "--bootstrap", RBAC, "-f", "json")),
                Arguments.of("rbac-can", List.of("rbac", "can", "user:alice", "get", "secrets", "-n", "shop", RBAC, "-f", "json")),
                Arguments.of("rbac-can", List.of("rbac", "can", "sa:ci/deployer", "delete", "nodes", RBAC, "-f", "json")),
                Arguments.of("rbac-permissions", List.of("rbac", "permissions", "user:alice", RBAC, "-f", "json")),
                Arguments.of("rbac-permissions", List.of("rbac", "permissions", "sa:ci/deployer", "--bootstrap", RBAC, "-f", "json")),
                Arguments.of("rbac-paths", List.of("rbac", "paths", "--bootstrap", RBAC, "-f", "json")),
                Arguments.of("netpol-reach", List.of("netpol", "reach", NETPOL, "-f", "json")),
                Arguments.of("netpol-explain", List.of("netpol", "explain", "--from", "shop/frontend", "--to", "shop/backend", NETPOL, "-f", "json")),
                Arguments.of("netpol-explain", List.of("netpol", "explain", "--from", "shop/backend", "--to", "203.0.113.7", "--port", "443", NETPOL, "-f", "json")),
                Arguments.of("netpol-diff", List.of("netpol", "diff", NETPOL, "src/test/resources/netpol-cli/shop-v2", "-f", "json")),
                Arguments.of("audit-log", List.of("audit-log", "src/test/resources/runtime/read", "-f", "json", "--fail-on", "none")),
                Arguments.of("audit-log", List.of("audit-log", "src/test/resources/runtime/detections/object-check/fire.jsonl",
                        "--policy", "src/test/resources/audit/gce-shape.yaml", "-f", "json")),
                Arguments.of("detections", List.of("detections", "-f", "json")),
                Arguments.of("checks", List.of("checks", "-f", "json")),
                Arguments.of("frameworks", List.of("frameworks", "-f", "json")),
                Arguments.of("compliance", List.of("scan", "examples/insecure", "--framework", "nsa-cisa", "-f", "json")),
                Arguments.of("compliance", List.of("scan", "examples/hardened", "--framework", "checklist", "-f", "json",
                        "-c", "examples/kubeward.yaml")),
                Arguments.of("compliance", List.of("scan", "src/test/resources/netpol-cli/bad-yaml", "--framework", "cis", "-f", "json")),
                Arguments.of("checks", List.of("explain", "host-pid", "-f", "json")),
                Arguments.of("version", List.of("version", "-f", "json")),
                Arguments.of("vap-test", List.of("vap", "test", "src/test/resources/fixtures/vap/policy.yaml", "--objects",
                        "src/test/resources/fixtures/vap/new", "-f", "json")),
                Arguments.of("cel", List.of("cel", "--object", "src/test/resources/fixtures/vap/new/deploy.yaml",
                        "object.spec.replicas * 2", "-f", "json")));
    }

    @ParameterizedTest
    @MethodSource("outputs")
    void everyCommandsJsonMatchesItsSchema(String schema, List<String> args) throws Exception {
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1, 2);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(strict(schema).validate(doc)).as(String.join(" ", args)).isEmpty();
    }

    /**
     * Commands whose JSON is a Kubernetes API object rather than kubeward's own document: serve
     * --dry-run-review prints the admission.k8s.io AdmissionReview the webhook returns (its shape
     * is tested in ServeCommandTest and AdmissionEngineTest).
     */
    static final Set<String> FOREIGN_JSON = Set.of("serve");

    @Test
    void everyCommandWithJsonHasASchemaAndIsExercised() {
        Set<String> exercised = new HashSet<>();
        outputs().forEach(a -> {
            @SuppressWarnings("unchecked")
            List<String> args = (List<String>) a.get()[1];
            exercised.add(String.join(" ", args.subList(0, args.get(0).equals("rbac") || args.get(0).equals("netpol")
                    || args.get(0).equals("vap") || args.get(1).equals("scan") || args.get(1).equals("verify") ? 2 : 1)));
        });
        for (CommandSpec spec : CliConventionsTest.everyCommand()) {
            if (spec.userObject() instanceof OutputOptions.Reporting r && r.formats().contains("json")) {
                String name = spec.qualifiedName().substring("kubeward ".length());
                if (FOREIGN_JSON.contains(name)) {
                    continue;
                }
                assertThat(exercised).as(name).contains(name);
            }
        }
    }

    /** The baseline file and a scan compared with one (new, unchanged and absent all present). */
    @Test
    void baselineFilesAndBaselinedScansMatchTheirSchemas(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path base = dir.resolve("baseline.json");
        CliRunner r = CliRunner.run("scan", "examples/insecure", "--baseline-out", base.toString(), "--fail-on", "none", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode file = JSON.readTree(base.toFile());
        assertThat(strict("baseline").validate(file)).isEmpty();
        ObjectNode edited = file.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) edited.get("entries")).remove(0);
        ObjectNode gone = ((com.fasterxml.jackson.databind.node.ArrayNode) edited.get("entries")).addObject();
        gone.put("checkId", "host-pid");
        gone.putObject("object").put("group", "").put("kind", "Pod").put("namespace", "x").put("name", "gone");
        gone.put("path", "spec.hostPID").put("fingerprint", "0".repeat(64)).put("severity", "high").put("message", "m");
        JSON.writeValue(base.toFile(), edited);
        r = CliRunner.run("scan", "examples/insecure", "--baseline", base.toString(), "-f", "json", "--fail-on", "none");
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.at("/baseline/absent")).hasSize(1);
        assertThat(doc.at("/summary/findings").asInt()).isEqualTo(1);
        assertThat(strict("scan").validate(doc)).isEmpty();
    }

    @Test
    void theSchemasRejectWhatTheyShould() throws Exception {
        JsonNode good = JSON.readTree(CliRunner.run("version", "-f", "json").out());
        ObjectNode wrongVersion = good.deepCopy();
        wrongVersion.put("schemaVersion", 2);
        assertThat(strict("version").validate(wrongVersion)).isNotEmpty();
        ObjectNode extra = good.deepCopy();
        extra.put("undocumented", true);
        assertThat(strict("version").validate(extra)).isNotEmpty();
        // As published, a field added within a version is accepted.
        assertThat(published("version").validate(extra)).isEmpty();
        JsonNode scan = JSON.readTree(CliRunner.run("scan", "examples/insecure/web.yaml", "-f", "json").out());
        ObjectNode badSeverity = scan.deepCopy();
        ((ObjectNode) badSeverity.get("findings").get(0)).put("severity", "urgent");
        assertThat(strict("scan").validate(badSeverity)).isNotEmpty();
    }

    @Test
    void theSharedDefinitionsAreTheSameInEverySchema() throws IOException {
        Map<String, JsonNode> first = new HashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(SCHEMAS)) {
            list.filter(p -> p.toString().endsWith(".schema.json")).sorted().forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(13);
        for (Path file : files) {
            JsonNode defs = JSON.readTree(file.toFile()).get("$defs");
            for (String shared : List.of("schemaVersion", "tool", "config", "error", "subject", "via")) {
                if (defs.has(shared)) {
                    JsonNode previous = first.putIfAbsent(shared, defs.get(shared));
                    if (previous != null) {
                        assertThat(defs.get(shared)).as(file + " $defs/" + shared).isEqualTo(previous);
                    }
                }
            }
        }
        assertThat(first).containsKeys("schemaVersion", "tool", "config", "error");
    }

    @Test
    void docsOutputFormatsNamesEverySchema() throws IOException {
        String doc = Files.readString(Path.of("docs/output-formats.md"));
        try (Stream<Path> list = Files.list(SCHEMAS)) {
            list.forEach(p -> assertThat(doc).as(p.toString()).contains("schemas/" + p.getFileName()));
        }
    }

    private static JsonSchema published(String name) throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(SCHEMAS.resolve(name + ".schema.json").toFile()));
    }

    static JsonSchema strict(String name) throws IOException {
        JsonNode schema = JSON.readTree(SCHEMAS.resolve(name + ".schema.json").toFile());
        closeObjects(schema);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    }

    /** additionalProperties: false on every object schema that lists its properties. */
    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")) {
                o.put("additionalProperties", false);
            }
            o.elements().forEachRemaining(JsonSchemasTest::closeObjects);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(JsonSchemasTest::closeObjects);
        }
    }
}
