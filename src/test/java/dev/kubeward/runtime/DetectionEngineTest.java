package dev.kubeward.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.ConfigException;
import dev.kubeward.check.Severity;
import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionEngineTest {
    static final String EXEC = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"%s\","
            + "\"stage\":\"%s\",\"requestURI\":\"/api/v1/namespaces/shop/pods/web-0/exec?command=sh\",\"verb\":\"create\","
            + "\"user\":{\"username\":\"%s\",\"groups\":[\"developers\",\"system:authenticated\"]},\"sourceIPs\":[\"%s\"],"
            + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"shop\",\"name\":\"web-0\",\"apiVersion\":\"v1\",\"subresource\":\"exec\"},"
            + "\"responseStatus\":{\"code\":101},\"requestReceivedTimestamp\":\"2026-11-30T10:00:00Z\"}";

    static List<AuditEvent> events(String... lines) throws IOException {
        Collected c = Collected.read("t.log", String.join("\n", lines) + "\n");
        assertThat(c.errors).isEmpty();
        return c.events;
    }

    static RuntimeConfig runtime(String yaml) throws Exception {
        ParsedDocument doc = YamlTreeBuilder.parse(yaml, 1);
        JsonNode root = doc.root();
        return RuntimeConfig.parse(root.get("runtime"), ".kubeward.yaml", p -> doc.sourceMap().locate(root, p).line(),
                Detections.ids(), CheckRegistry.builtIn().ids());
    }

    static List<Alert> run(RuntimeConfig rc, List<AuditEvent> events) {
        List<Alert> alerts = new ArrayList<>();
        DetectionEngine engine = DetectionEngine.builtIn(new DetectionContext(rc, Config.DEFAULT, CheckRegistry.builtIn()), alerts::add);
        events.forEach(engine::accept);
        return alerts;
    }

    @Test
    void oneAlertPerRequestWhateverTheStagesAndRetriedBatches() throws IOException {
        List<AuditEvent> evs = events(EXEC.formatted("a", "ResponseStarted", "jane", "10.0.0.1"),
                EXEC.formatted("a", "ResponseComplete", "jane", "10.0.0.1"),
                EXEC.formatted("a", "ResponseComplete", "jane", "10.0.0.1"),
                EXEC.formatted("b", "ResponseComplete", "jane", "10.0.0.1"));
        List<Alert> alerts = new ArrayList<>();
        DetectionEngine engine = DetectionEngine.builtIn(DetectionContext.defaults(), alerts::add);
        evs.forEach(engine::accept);
        assertThat(alerts).extracting(a -> a.event().auditID()).containsExactly("a", "b");
        assertThat(engine.events()).isEqualTo(4);
        assertThat(engine.duplicates()).isEqualTo(1);
        assertThat(engine.alertsByDetection()).containsEntry("pod-exec", 2L);
        assertThat(engine.alertsBySeverity()).containsEntry(Severity.MEDIUM, 2L);
        Alert a = alerts.get(0);
        assertThat(a.message()).isEqualTo("jane from 10.0.0.1 ran 'sh' in pod shop/web-0");
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.finding()).isNull();
    }

    @Test
    void allowListsAndControlPlaneDefaults() throws Exception {
        List<AuditEvent> evs = events(EXEC.formatted("1", "ResponseComplete", "jane", "10.0.0.1"),
                EXEC.formatted("2", "ResponseComplete", "ops-bot", "192.168.1.5"),
                EXEC.formatted("3", "ResponseComplete", "system:kube-controller-manager", "10.0.0.1"),
                EXEC.formatted("4", "ResponseComplete", "mallory", "192.168.1.5, 203.0.113.1"));
        assertThat(run(RuntimeConfig.DEFAULT, evs)).extracting(a -> a.event().auditID()).containsExactly("1", "2", "4");
        RuntimeConfig rc = runtime("""
                runtime:
                  allow:
                    users: ['ops-*']
                  detections:
                    pod-exec:
                      allow:
                        sourceCIDRs: [10.0.0.0/8]
                """);
        assertThat(run(rc, evs)).extracting(a -> a.event().auditID()).containsExactly("4");
        RuntimeConfig noDefaults = runtime("runtime:\n  controlPlaneDefaults: false\n");
        assertThat(run(noDefaults, evs)).extracting(a -> a.event().auditID()).containsExactly("1", "2", "3", "4");
        RuntimeConfig off = runtime("runtime:\n  detections:\n    pod-exec:\n      enabled: false\n");
        assertThat(run(off, evs)).isEmpty();
    }

    @Test
    void everySourceAddressMustBeAllowedSinceForwardedForIsTheClients() throws Exception {
        String forged = EXEC.formatted("f", "ResponseComplete", "mallory", "10.0.0.1").replace("[\"10.0.0.1\"]", "[\"10.0.0.1\",\"203.0.113.1\"]");
        RuntimeConfig rc = runtime("runtime:\n  allow:\n    sourceCIDRs: [10.0.0.0/8]\n");
        assertThat(run(rc, events(forged))).hasSize(1);
        assertThat(run(rc, events(EXEC.formatted("g", "ResponseComplete", "mallory", "10.1.2.3")))).isEmpty();
    }

    @Test
    void theConfigurationIsValidatedAtItsLine() {
        assertThatThrownBy(() -> runtime("runtime:\n  allow:\n    user: [x]\n")).isInstanceOf(ConfigException.class)
                .hasToString(".kubeward.yaml:3: unknown key 'user' (expected one of groups, images, namespaces, sourceCIDRs, users)");
        assertThatThrownBy(() -> runtime("runtime:\n  detections:\n    pod-exek: {enabled: false}\n"))
                .hasToString(".kubeward.yaml:3: unknown detection 'pod-exek' (see 'kubeward detections')");
        assertThatThrownBy(() -> runtime("runtime:\n  clusterCIDRs: [10.0.0.0/33]\n"))
                .hasMessageContaining("invalid CIDR '10.0.0.0/33'");
        assertThatThrownBy(() -> runtime("runtime:\n  clusterCIDRs: [example.com/8]\n"))
                .hasMessageContaining("invalid IP address");
        assertThatThrownBy(() -> runtime("runtime:\n  objectChecks: [privileged]\n"))
                .hasToString(".kubeward.yaml:2: unknown check 'privileged' (see 'kubeward checks')");
        assertThatThrownBy(() -> runtime("runtime:\n  deniedBurst: {threshold: 1}\n"))
                .hasMessageContaining("from 2 to 100000");
        assertThatThrownBy(() -> runtime("runtime:\n  deniedBurst: {window: forever}\n"))
                .hasMessageContaining("must be a duration");
        assertThatThrownBy(() -> runtime("runtime: [1]\n")).hasMessageContaining("runtime must be a mapping");
    }

    @Test
    void theBurstThresholdAndWindowAreConfigurable() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"d%d\","
                    + "\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/secrets\",\"verb\":\"list\","
                    + "\"user\":{\"username\":\"mallory\"},\"objectRef\":{\"resource\":\"secrets\",\"apiVersion\":\"v1\"},"
                    + "\"responseStatus\":{\"code\":403},\"annotations\":{\"authorization.k8s.io/decision\":\"forbid\"},"
                    + "\"requestReceivedTimestamp\":\"2026-11-30T10:00:0%dZ\"}").formatted(i, i * 2));
        }
        RuntimeConfig three = runtime("runtime:\n  deniedBurst: {threshold: 3, window: 5s}\n");
        assertThat(run(three, events(lines.toArray(String[]::new)))).filteredOn(a -> a.detection().id().equals("rbac-denied-burst"))
                .singleElement().extracting(Alert::message).asString().contains("had 3 requests denied within 4s");
        RuntimeConfig narrow = runtime("runtime:\n  deniedBurst: {threshold: 3, window: 3s}\n");
        assertThat(run(narrow, events(lines.toArray(String[]::new)))).noneMatch(a -> a.detection().id().equals("rbac-denied-burst"));
    }
}
