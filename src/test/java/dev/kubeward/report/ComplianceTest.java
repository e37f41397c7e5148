package dev.kubeward.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import dev.kubeward.check.Suppression;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The four statuses of a control and the score, as a table over a small catalogue. */
class ComplianceTest {
    private static CheckMeta check(String id, String category, String... cis) {
        return new CheckMeta(id, id, Severity.HIGH, category, "d", "r", "fix",
                new CheckMeta.Frameworks(List.of(cis), List.of(), List.of(), List.of()), true);
    }

    private static final CheckMeta PRIV = check("priv", "Pod security", "1");
    private static final CheckMeta HOSTPID = check("hostpid", "Pod security", "2");
    private static final CheckMeta APISERVER = check("apiserver", "Control plane", "3");
    private static final CheckMeta DISABLED = check("disabled", "Pod security", "4");
    private static final CheckMeta SUPPRESSED = check("suppressed", "Pod security", "6");

    private static final Framework F = new Framework("t", "Test", "1", "cis", List.of(
            control("1"), control("2"), control("3"), control("4"), control("5"), control("6")));

    private static Framework.Control control(String id) {
        return new Framework.Control(id, "control " + id, "S", List.of(id), List.of(), null);
    }

    private static final ObjectRef POD = new ObjectRef("v1", "Pod", "shop", "web");

    private static Finding finding(CheckMeta m, Suppression s) {
        return new Finding(m, m.severity(), "bad", POD, "web.yaml", 0, 3, 1, JsonPath.ROOT, s);
    }

    @Test
    void eachControlGetsItsStatusAndTheScoreCountsOnlyJudgedControls() {
        ScanReport report = new ScanReport("t",
                List.of(finding(PRIV, null), finding(SUPPRESSED, new Suppression(Suppression.Kind.ANNOTATION, "accepted"))),
                List.of(PRIV, HOSTPID, APISERVER, SUPPRESSED),
                List.of(new ScanReport.ScannedObject(POD, "web.yaml", 1)), List.of(), 1, Severity.HIGH);
        Compliance c = Compliance.evaluate(F, report, List.of(PRIV, HOSTPID, APISERVER, DISABLED, SUPPRESSED));
        assertThat(c.results()).extracting(r -> r.control().id() + " " + r.status().key()).containsExactly(
                "1 failed", "2 passed", "3 not-applicable", "4 not-checkable", "5 not-checkable", "6 passed");
        assertThat(c.results().get(0).findings()).hasSize(1);
        assertThat(c.results().get(3).reason()).contains("did not run").contains("disabled");
        assertThat(c.results().get(4).reason()).isEqualTo("no kubeward check covers this control");
        assertThat(c.results().get(5).suppressed()).extracting(f -> f.suppression().reason()).containsExactly("accepted");
        // 2 passed of 3 judged (not applicable and not checkable are not counted as passed).
        assertThat(c.scorePercent()).isEqualTo(66);
        assertThat(c.summaryLine()).contains("2 passed, 1 failed, 1 not applicable, 2 not checkable; score 66%");
    }

    @Test
    void aStaticApiServerPodMakesControlPlaneControlsApplicable() {
        ObjectRef apiserver = new ObjectRef("v1", "Pod", "kube-system", "kube-apiserver-cp1");
        ScanReport report = new ScanReport("t", List.of(), List.of(APISERVER),
                List.of(new ScanReport.ScannedObject(apiserver, "m.yaml", 1)), List.of(), 1, Severity.HIGH);
        Compliance c = Compliance.evaluate(F, report, List.of(APISERVER));
        assertThat(c.results().get(2).status()).isEqualTo(Compliance.Status.PASSED);
    }

    @Test
    void nothingJudgedHasNoScore() {
        ScanReport report = new ScanReport("t", List.of(), List.of(), List.of(), List.of(), 0, Severity.HIGH);
        Compliance c = Compliance.evaluate(F, report, List.of());
        assertThat(c.scorePercent()).isEqualTo(-1);
        assertThat(c.summaryLine()).contains("no score");
        assertThat(c.count(Compliance.Status.NOT_CHECKABLE)).isEqualTo(6);
    }
}
