package dev.kubeward.image.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.image.version.Dpkg;
import dev.kubeward.image.version.SemVer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of the OSV schema's "Evaluation" and "Examples" sections (ossf/osv-schema docs/schema.md). */
class EvaluationTest {

    private static OsvRecord.Range range(String... events) {
        List<OsvRecord.Event> l = new ArrayList<>();
        for (String e : events) {
            String[] p = e.split("=", 2);
            l.add(new OsvRecord.Event(switch (p[0]) {
                case "introduced" -> OsvRecord.EventKind.INTRODUCED;
                case "fixed" -> OsvRecord.EventKind.FIXED;
                case "last_affected" -> OsvRecord.EventKind.LAST_AFFECTED;
                default -> OsvRecord.EventKind.LIMIT;
            }, p[1]));
        }
        return new OsvRecord.Range(OsvRecord.RangeType.SEMVER, l);
    }

    private static boolean in(String v, OsvRecord.Range r) {
        return Evaluation.range(SemVer.STRICT, v, r).affected();
    }

    @Test
    void unfixedAffectsEverything() {
        OsvRecord.Range r = range("introduced=0");
        assertThat(in("0.0.0", r)).isTrue();
        assertThat(in("99.0.0", r)).isTrue();
        assertThat(Evaluation.range(SemVer.STRICT, "1.0.0", r).fixed()).isNull();
    }

    @Test
    void fixedIsExclusive() {
        OsvRecord.Range r = range("introduced=0", "fixed=1.0.2");
        assertThat(in("1.0.1", r)).isTrue();
        assertThat(in("1.0.2-rc.1", r)).isTrue();
        assertThat(in("1.0.2", r)).isFalse();
        assertThat(in("2.0.0", r)).isFalse();
        assertThat(Evaluation.range(SemVer.STRICT, "1.0.1", r).fixed()).isEqualTo("1.0.2");
    }

    @Test
    void multipleRangesInOneTimeline() {
        OsvRecord.Range r = range("introduced=1.0.0", "fixed=1.0.2", "introduced=3.0.0", "fixed=3.2.5");
        assertThat(in("0.9.0", r)).isFalse();
        assertThat(in("1.0.0", r)).isTrue();
        assertThat(in("1.0.2", r)).isFalse();
        assertThat(in("2.5.0", r)).isFalse();
        assertThat(in("3.1.0", r)).isTrue();
        assertThat(Evaluation.range(SemVer.STRICT, "3.1.0", r).fixed()).isEqualTo("3.2.5");
        assertThat(in("3.2.5", r)).isFalse();
    }

    @Test
    void eventsAreSortedBeforeTheWalk() {
        OsvRecord.Range r = range("fixed=3.2.5", "introduced=3.0.0", "fixed=1.0.2", "introduced=1.0.0");
        assertThat(in("1.0.1", r)).isTrue();
        assertThat(in("2.0.0", r)).isFalse();
        assertThat(in("3.0.0", r)).isTrue();
    }

    @Test
    void lastAffectedIsInclusiveAndKnowsNoFix() {
        OsvRecord.Range r = range("introduced=1.0.0", "last_affected=1.0.2");
        assertThat(in("1.0.2", r)).isTrue();
        assertThat(in("1.0.3", r)).isFalse();
        assertThat(Evaluation.range(SemVer.STRICT, "1.0.1", r).fixed()).isNull();
    }

    @Test
    void limitsBoundTheRange() {
        OsvRecord.Range r = range("introduced=0", "limit=2.0.0");
        assertThat(in("1.9.9", r)).isTrue();
        assertThat(in("2.0.0", r)).isFalse();
        assertThat(in("5.0.0", range("introduced=0", "limit=*"))).isTrue();
        // several limits: below any one of them is enough
        OsvRecord.Range two = range("introduced=0", "limit=1.0.0", "limit=3.0.0");
        assertThat(in("2.0.0", two)).isTrue();
        assertThat(in("3.0.0", two)).isFalse();
    }

    @Test
    void ecosystemRangesUseTheEcosystemsOrdering() {
        OsvRecord.Range r = new OsvRecord.Range(OsvRecord.RangeType.ECOSYSTEM, List.of(
                new OsvRecord.Event(OsvRecord.EventKind.INTRODUCED, "0"),
                new OsvRecord.Event(OsvRecord.EventKind.FIXED, "2.36-9+deb12u3")));
        assertThat(Evaluation.range(Dpkg.INSTANCE, "2.36-9+deb12u1", r).affected()).isTrue();
        assertThat(Evaluation.range(Dpkg.INSTANCE, "2.36-9~deb12u9", r).affected()).isTrue();
        assertThat(Evaluation.range(Dpkg.INSTANCE, "2.36-9+deb12u3", r).affected()).isFalse();
        assertThat(Evaluation.range(Dpkg.INSTANCE, "2.36-9+deb12u10", r).affected()).isFalse();
    }
}
