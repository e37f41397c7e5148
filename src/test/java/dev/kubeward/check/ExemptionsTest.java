package dev.kubeward.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeward.model.Inventory;
import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The suppression workflow: exemptions that name nothing, expire, or suppress nothing are
 * findings at the line where they are written, and never suppress anything themselves.
 */
class ExemptionsTest {
    private static final CheckRegistry ALL = CheckRegistry.builtIn();
    private static final LocalDate DAY = LocalDate.parse("2026-06-01");
    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              namespace: shop
            ANNOTATIONS
            spec:
              containers:
                - name: app
                  image: registry.example.com/app:1@sha256:aaaa
                  securityContext:
                    privileged: true
            """;

    private static String pod(String... annotations) {
        if (annotations.length == 0) {
            return POD.replace("ANNOTATIONS\n", "");
        }
        StringBuilder sb = new StringBuilder("  annotations:\n");
        for (String a : annotations) {
            sb.append("    ").append(a).append('\n');
        }
        return POD.replace("ANNOTATIONS\n", sb.toString());
    }

    private static Config config(String yaml) throws Exception {
        ParsedDocument doc = YamlTreeBuilder.parse(yaml, 1);
        return Config.parse(doc.root(), "k.yaml", p -> doc.sourceMap().locate(doc.root(), p).line(), ALL.ids());
    }

    private static List<Resource> load(String name, String yaml) {
        LoadResult r = new ManifestLoader().loadText(name, yaml);
        assertThat(r.errors()).isEmpty();
        return r.resources();
    }

    private static List<Finding> scan(Config config, LocalDate day, String yaml) {
        List<Resource> objects = load("p.yaml", yaml);
        return new Scanner(ALL, config).today(day).scan(new Inventory(objects));
    }

    private static List<Finding> of(List<Finding> findings, String checkId) {
        return findings.stream().filter(f -> f.checkId().equals(checkId)).toList();
    }

    private static Finding one(List<Finding> findings, String checkId) {
        List<Finding> found = of(findings, checkId);
        assertThat(found).as(checkId).hasSize(1);
        return found.get(0);
    }

    @Test
    void aConfigExemptionOfAnUnknownCheckIsAFindingAtItsLineAndSuppressesNothing() throws Exception {
        Config cfg = config("""
                exemptions:
                  - check: run-as-root
                    reason: legacy image (SEC-1)
                  - check: privileged-containr
                    reason: node debugger (SEC-2)
                """);
        List<Finding> findings = scan(cfg, DAY, pod());
        Finding invalid = one(findings, Exemptions.INVALID);
        assertThat(invalid.file()).isEqualTo("k.yaml");
        assertThat(invalid.line()).isEqualTo(4);
        assertThat(invalid.resource().kind()).isEqualTo(Exemption.CONFIG_KIND);
        assertThat(invalid.path().toString()).isEqualTo("exemptions[1].check");
        assertThat(invalid.message()).contains("'privileged-containr'").contains("unknown check");
        assertThat(one(findings, "privileged-container").suppressed()).isFalse();
        assertThat(one(findings, "run-as-root").suppressed()).isTrue();
    }

    @Test
    void aGlobMustMatchACheck() throws Exception {
        List<Finding> typo = scan(config("exemptions:\n  - {check: \"imgae-*\", reason: r}\n"), DAY, pod());
        assertThat(one(typo, Exemptions.INVALID).message()).contains("'imgae-*' matches no check");
        List<Finding> right = scan(config("exemptions:\n  - {check: \"privileged-*\", reason: r}\n"), DAY, pod());
        assertThat(of(right, Exemptions.INVALID)).isEmpty();
        assertThat(one(right, "privileged-container").suppressed()).isTrue();
    }

    @Test
    void anAnnotationEntryOfAnUnknownCheckIsReportedAtTheAnnotation() {
        List<Finding> findings = scan(Config.DEFAULT, DAY, pod(
                "kubeward.dev/ignore: \"run-as-root, privileged-containr\"",
                "kubeward.dev/ignore-reason: \"SEC-3\""));
        Finding invalid = one(findings, Exemptions.INVALID);
        assertThat(invalid.file()).isEqualTo("p.yaml");
        assertThat(invalid.line()).isEqualTo(7);
        assertThat(invalid.resource().kind()).isEqualTo("Pod");
        assertThat(invalid.message()).isEqualTo("kubeward.dev/ignore entry 'privileged-containr': unknown check "
                + "'privileged-containr' (see 'kubeward checks')");
        assertThat(one(findings, "run-as-root").suppressed()).isTrue();
        assertThat(one(findings, "privileged-container").suppressed()).isFalse();
    }

    /** A stand-in for an engine with ids of its own (vap:NAME): here, one id per ConfigMap. */
    private static final CheckIdNamespace CONFIGMAPS = new CheckIdNamespace() {
        @Override
        public String prefix() {
            return "cm";
        }

        @Override
        public String describe() {
            return "the names of the ConfigMaps scanned";
        }

        @Override
        public Set<String> names(Inventory inventory) {
            return inventory.ofKind("ConfigMap").stream().map(Resource::name).collect(Collectors.toSet());
        }
    };

    @Test
    void namespacedIdsAreValidatedAgainstTheirEngineAndTheWholeInventory() throws Exception {
        String annotated = pod("kubeward.dev/ignore: \"cm:present, cm:absent, cm:pres*, cm:zz*, other:x\"",
                "kubeward.dev/ignore-reason: \"SEC-4\"");
        List<Resource> targets = load("p.yaml", annotated);
        // The ConfigMap is context: it names an id without being reported on.
        List<Resource> all = new ArrayList<>(targets);
        all.addAll(load("ctx.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: present, namespace: shop}\n"));
        List<Finding> findings = new Scanner(ALL, Config.DEFAULT).today(DAY).idNamespaces(List.of(CONFIGMAPS))
                .scan(new Inventory(all), targets);
        assertThat(of(findings, Exemptions.INVALID)).extracting(Finding::message).containsExactlyInAnyOrder(
                "kubeward.dev/ignore entry 'cm:absent': unknown check 'cm:absent': 'absent' is not among the names of "
                        + "the ConfigMaps scanned in this scan (--context adds objects that are not reported on)",
                "kubeward.dev/ignore entry 'cm:zz*': 'cm:zz*' matches no check (see 'kubeward checks')",
                "kubeward.dev/ignore entry 'other:x': unknown check 'other:x': no engine defines ids 'other:…' "
                        + "(namespaced ids: cm:…)");
        assertThat(findings).allSatisfy(f -> assertThat(f.file()).isEqualTo("p.yaml"));

        // Without the engine, no namespaced id is known.
        List<Finding> bare = new Scanner(ALL, Config.DEFAULT).today(DAY).idNamespaces(List.of())
                .scan(new Inventory(all), targets);
        assertThat(of(bare, Exemptions.INVALID)).hasSize(5);
    }

    @Test
    void anExemptionAppliesThroughItsLastDayAndThenSaysItExpired() throws Exception {
        Config cfg = config("""
                exemptions:
                  - check: privileged-container
                    reason: node debugger until the operator ships (SEC-5)
                    until: 2026-05-31
                """);
        List<Finding> lastDay = scan(cfg, LocalDate.parse("2026-05-31"), pod());
        assertThat(one(lastDay, "privileged-container").suppressed()).isTrue();
        assertThat(of(lastDay, Exemptions.EXPIRED)).isEmpty();

        List<Finding> nextDay = scan(cfg, LocalDate.parse("2026-06-01"), pod());
        assertThat(one(nextDay, "privileged-container").suppressed()).isFalse();
        Finding expired = one(nextDay, Exemptions.EXPIRED);
        assertThat(expired.file()).isEqualTo("k.yaml");
        assertThat(expired.line()).isEqualTo(4);
        assertThat(expired.message()).isEqualTo("exemption of 'privileged-container' expired on 2026-05-31 and no "
                + "longer suppresses anything: 1 finding it covers is reported again");
    }

    @Test
    void anAnnotationExpiresTheSameWay() {
        String yaml = pod("kubeward.dev/ignore: privileged-container", "kubeward.dev/ignore-reason: SEC-6",
                "kubeward.dev/ignore-until: 2026-05-31");
        assertThat(one(scan(Config.DEFAULT, LocalDate.parse("2026-05-31"), yaml), "privileged-container").suppressed())
                .isTrue();
        List<Finding> after = scan(Config.DEFAULT, LocalDate.parse("2027-01-01"), yaml);
        assertThat(one(after, "privileged-container").suppressed()).isFalse();
        assertThat(one(after, Exemptions.EXPIRED).line()).isEqualTo(9);
    }

    @Test
    void anInvalidUntilInTheConfigurationIsAnErrorWithItsLine() {
        assertThatThrownBy(() -> config("exemptions:\n  - check: run-as-root\n    reason: r\n    until: soon\n"))
                .isInstanceOf(ConfigException.class)
                .hasToString("k.yaml:4: 'until' must be a date such as 2027-01-31 (the last day the exemption applies)");
    }

    @Test
    void unusedExemptionsAreReportedOnlyWhenAskedFor() throws Exception {
        String yaml = """
                exemptions:
                  - check: privileged-container
                    reason: used (SEC-7)
                  - check: hostpath-volume
                    namespace: monitoring
                    reason: stale (SEC-8)
                """;
        String annotated = pod("kubeward.dev/ignore: \"run-as-root, host-pid\"", "kubeward.dev/ignore-reason: SEC-9");
        assertThat(of(scan(config(yaml), DAY, annotated), Exemptions.UNUSED)).isEmpty();

        List<Finding> findings = scan(config(yaml).withEnabled(Exemptions.UNUSED), DAY, annotated);
        assertThat(of(findings, Exemptions.UNUSED)).extracting(f -> f.file() + ":" + f.line() + " " + f.message())
                .containsExactlyInAnyOrder(
                        "k.yaml:4 exemption of 'hostpath-volume' (namespace monitoring) suppressed nothing in this scan",
                        "p.yaml:7 kubeward.dev/ignore entry 'host-pid' suppressed nothing in this scan");
    }

    @Test
    void findingsAboutExemptionsAreNeverSuppressed() throws Exception {
        Config cfg = config("""
                exemptions:
                  - check: "*"
                    reason: everything (SEC-10)
                  - check: nothing-at-all
                    reason: typo
                  - check: run-as-root
                    reason: expired
                    until: 2020-01-01
                """).withEnabled(Exemptions.UNUSED);
        List<Finding> findings = scan(cfg, DAY, pod("kubeward.dev/ignore: \"*\"", "kubeward.dev/ignore-reason: SEC-11"));
        assertThat(findings.stream().filter(f -> Exemptions.ABOUT_EXEMPTIONS.contains(f.checkId())))
                .extracting(Finding::checkId)
                .containsExactlyInAnyOrder(Exemptions.INVALID, Exemptions.EXPIRED, Exemptions.UNUSED)
                .isNotEmpty();
        assertThat(findings.stream().filter(f -> Exemptions.ABOUT_EXEMPTIONS.contains(f.checkId())))
                .noneMatch(Finding::suppressed);
        // The annotation "*" came first and took every finding of the pod: the configuration's "*" is unused.
        assertThat(one(findings, Exemptions.UNUSED).line()).isEqualTo(2);
        assertThat(findings.stream().filter(f -> !Exemptions.ABOUT_EXEMPTIONS.contains(f.checkId())))
                .allMatch(Finding::suppressed);
    }

    @Test
    void contextObjectsAreNeitherReportedOnNorExemptAnything() {
        List<Resource> targets = load("p.yaml", pod());
        List<Resource> all = new ArrayList<>(targets);
        all.addAll(load("ctx.yaml", pod("kubeward.dev/ignore: typo-here", "kubeward.dev/ignore-reason: SEC-12")
                .replace("name: p", "name: other")));
        List<Finding> findings = new Scanner(ALL, Config.DEFAULT.withEnabled(Exemptions.UNUSED)).today(DAY)
                .scan(new Inventory(all), targets);
        assertThat(findings).isNotEmpty().allSatisfy(f -> assertThat(f.file()).isEqualTo("p.yaml"));
        assertThat(of(findings, Exemptions.INVALID)).isEmpty();
    }
}
