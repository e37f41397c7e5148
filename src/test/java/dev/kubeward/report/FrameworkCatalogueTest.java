package dev.kubeward.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.CheckRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The control catalogues in resources and the checks' annotations are kept in step: every value a
 * check names is a control of its framework, every check a checklist names exists, and a control
 * the catalogue calls not checkable has no check.
 */
class FrameworkCatalogueTest {
    private static final List<CheckMeta> CHECKS = CheckRegistry.builtIn().entries().stream()
            .map(CheckRegistry.Entry::meta).toList();

    @Test
    void everyAnnotationValueIsAControlOfItsFramework() {
        for (Framework f : Framework.all()) {
            if (f.annotation() == null) {
                continue;
            }
            Set<String> known = new HashSet<>();
            f.controls().forEach(c -> known.addAll(c.annotations()));
            for (CheckMeta m : CHECKS) {
                for (String value : f.annotationValues(m)) {
                    if (f.id().equals("pss-baseline") && value.startsWith("Restricted: ")) {
                        continue; // Restricted controls are in pss-restricted
                    }
                    assertThat(known).as(m.id() + " names " + f.annotation() + " '" + value + "', which the "
                            + f.id() + " catalogue lacks").contains(value);
                }
            }
        }
    }

    @Test
    void everyChecklistCheckExists() {
        Set<String> ids = new HashSet<>();
        CHECKS.forEach(m -> ids.add(m.id()));
        Framework checklist = Framework.load("checklist");
        for (Framework.Control c : checklist.controls()) {
            assertThat(ids).as(c.id()).containsAll(c.checks());
        }
        assertThat(checklist.controls()).extracting(Framework.Control::section).containsOnly(
                "Build: images", "Deploy: workloads", "Cluster: control plane, nodes and policies",
                "Runtime: logging, monitoring, upkeep");
    }

    @Test
    void aControlCalledNotCheckableHasNoCheckAndIdsAreUnique() {
        for (Framework f : Framework.all()) {
            Set<String> ids = new HashSet<>();
            for (Framework.Control c : f.controls()) {
                assertThat(ids.add(c.id())).as(f.id() + " " + c.id() + " twice").isTrue();
                assertThat(c.title()).as(f.id() + " " + c.id()).isNotBlank();
                if (c.notCheckable() != null) {
                    assertThat(f.checksOf(c, CHECKS)).as(f.id() + " " + c.id() + " is called not checkable").isEmpty();
                }
            }
            assertThat(f.version()).isNotBlank();
        }
        assertThat(Framework.all()).extracting(Framework::id).containsExactlyElementsOf(Framework.IDS);
    }

    @Test
    void annotationFrameworksMapAsWritten() {
        Framework cis = Framework.load("cis");
        Framework.Control c522 = cis.controls().stream().filter(c -> c.id().equals("5.2.2")).findFirst().orElseThrow();
        assertThat(cis.checksOf(c522, CHECKS)).contains("privileged-container");
        Framework restricted = Framework.load("pss-restricted");
        Framework.Control seccomp = restricted.controls().stream().filter(c -> c.id().equals("Restricted: Seccomp"))
                .findFirst().orElseThrow();
        assertThat(restricted.checksOf(seccomp, CHECKS)).containsExactly("seccomp-unconfined");
    }
}
