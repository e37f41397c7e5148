package dev.kubeward.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.runtime.detections.ObjectChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An event a detection watches but cannot judge is counted by detection and reason, never
 * dropped silently; an event the detection does not watch (a failed request, a subresource, a
 * non-resource URL, an allowed user) is not counted.
 */
class NotEvaluatedTest {
    private static final String BASE = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"%s\",\"auditID\":\"%s\","
            + "\"stage\":\"ResponseComplete\",\"requestURI\":\"%s\",\"verb\":\"%s\","
            + "\"user\":{\"username\":\"%s\",\"groups\":[\"system:authenticated\"]},\"sourceIPs\":[\"172.18.0.1\"],"
            + "%s\"responseStatus\":{\"code\":%d}%s,\"requestReceivedTimestamp\":\"2026-11-30T10:00:00Z\"}";
    private static final String POD_REF = "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"shop\",\"name\":\"web\",\"apiVersion\":\"v1\"},";
    private static final String POD = ",\"requestObject\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\"}]}}";

    private static String event(String level, String id, String uri, String verb, String user, String ref, int code, String body) {
        return BASE.formatted(level, id, uri, verb, user, ref, code, body);
    }

    private record Row(String event, String reason) {}

    private static final String PODS = "/api/v1/namespaces/shop/pods";

    @Test
    void everyEventTheObjectRuleCannotJudgeIsCountedByReason() throws Exception {
        List<Row> table = List.of(
                // blind: the level left the object out
                new Row(event("Metadata", "1", PODS, "create", "jane", POD_REF, 201, ""), ObjectChecks.NO_OBJECT),
                new Row(event("Metadata", "2", PODS + "/web", "update", "jane", POD_REF, 200, ""), ObjectChecks.NO_OBJECT),
                new Row(event("Request", "3", PODS + "/web", "patch", "jane", POD_REF, 200, ",\"requestObject\":{\"spec\":{}}"),
                        ObjectChecks.NO_PATCHED_OBJECT),
                // hostile or odd bodies
                new Row(event("Request", "4", PODS, "create", "jane", POD_REF, 201, ",\"requestObject\":{\"spec\":{}}"), ObjectChecks.NO_KIND),
                new Row(event("Request", "5", PODS, "create", "jane", POD_REF, 201, ",\"requestObject\":[1,2]"), ObjectChecks.NO_KIND),
                new Row(event("Request", "6", PODS, "create", "jane", POD_REF, 201, ",\"requestObject\":\"Pod\""), ObjectChecks.NO_KIND),
                new Row(event("Request", "7", PODS, "create", "jane", POD_REF, 201,
                        ",\"requestObject\":{\"kind\":7,\"apiVersion\":\"v1\"}"), ObjectChecks.NO_KIND),
                new Row(event("Request", "8", PODS, "create", "jane", "", 201, POD), ObjectChecks.NO_OBJECT_REF),
                new Row(event("Request", "9", PODS + "/web", "patch", "jane", "", 200, POD), ObjectChecks.NO_OBJECT_REF),
                // judged, or not watched: not counted
                new Row(event("Request", "10", PODS, "create", "jane", POD_REF, 201, POD), null),
                new Row(event("Metadata", "11", PODS, "create", "jane", POD_REF, 403, ""), null),
                new Row(event("Metadata", "12", "/metrics", "patch", "jane", "", 200, ""), null),
                new Row(event("Metadata", "13", PODS + "/web", "get", "jane", POD_REF, 200, ""), null),
                new Row(event("Metadata", "14", PODS, "create", "system:serviceaccount:kube-system:replicaset-controller",
                        POD_REF, 201, ""), null),
                new Row(event("Metadata", "15", PODS + "/web/status", "update", "jane",
                        POD_REF.replace("\"v1\"}", "\"v1\",\"subresource\":\"status\"}"), 200, ""), null));
        for (Row row : table) {
            DetectionEngine engine = new DetectionEngine(List.of(new ObjectChecks()), DetectionContext.defaults(), a -> {});
            DetectionEngineTest.events(row.event()).forEach(engine::accept);
            if (row.reason() == null) {
                assertThat(engine.notEvaluated()).as(row.event()).isEmpty();
                assertThat(engine.notEvaluatedEvents()).isZero();
            } else {
                assertThat(engine.notEvaluated()).as(row.event())
                        .containsExactly(new DetectionEngine.NotEvaluated("object-check", row.reason(), 1));
                assertThat(engine.notEvaluatedEvents()).isEqualTo(1);
            }
        }
    }

    @Test
    void theCountsAddUpOverAStreamAndADuplicateIsNotCountedTwice() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of("src/test/resources/runtime/detections/object-check/pass.jsonl"))) {
            if (!l.startsWith("#") && !l.isBlank()) {
                lines.add(l);
            }
        }
        lines.add(lines.get(0)); // a retried batch
        DetectionEngine engine = DetectionEngine.builtIn(DetectionContext.defaults(), a -> {});
        DetectionEngineTest.events(lines.toArray(String[]::new)).forEach(engine::accept);
        // pass.jsonl: a create at Metadata level and a patch at Request level cannot be judged.
        assertThat(engine.notEvaluated()).containsExactly(
                new DetectionEngine.NotEvaluated("object-check", ObjectChecks.NO_OBJECT, 1),
                new DetectionEngine.NotEvaluated("object-check", ObjectChecks.NO_PATCHED_OBJECT, 1));
        assertThat(engine.notEvaluatedEvents()).isEqualTo(2);
        assertThat(engine.duplicates()).isEqualTo(1);
    }
}
