package dev.kubeward.source.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.InputError;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Position;
import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.ReadOptions;
import dev.kubeward.source.repo.FileSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts rendered by the embedded Helm (src/test/resources/helm/shop: loops, conditionals, helpers,
 * toYaml, a subchart, hooks, a test), with every finding's field placed on its template line.
 */
public class HelmChartTest {
    static final Path SHOP = Path.of("src/test/resources/helm/shop");

    /** The embedded Helm is helm-java's linux-amd64 build: elsewhere a chart is an input error, not rendered. */
    public static void assumeEmbeddedHelm() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ChartRenderer.unsupportedPlatform() == null,
                () -> "skipped: the embedded Helm (helm-java 0.0.15) is bundled for linux/amd64 only, and this is "
                        + ChartRenderer.unsupportedPlatform());
    }

    @BeforeAll
    static void embeddedHelm() {
        assumeEmbeddedHelm();
    }

    static LoadResult load(HelmOptions helm, String namespace, String... inputs) {
        return new ManifestLoader(new ReadOptions(FileSelection.Options.DEFAULT, namespace).withHelm(helm))
                .load(List.of(inputs));
    }

    static Resource find(LoadResult r, String kind, String name) {
        return r.resources().stream().filter(x -> x.kind().equals(kind) && x.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + name + " not in " + r.resources().stream()
                        .map(Resource::displayName).toList() + " errors " + r.errors()));
    }

    static int line(Resource r, String path) {
        return r.locate(JsonPath.parse(path)).line();
    }

    @Test
    void aChartIsRenderedAndEachObjectNamesItsTemplate() {
        LoadResult r = load(HelmOptions.DEFAULT, null, SHOP.toString());
        assertThat(r.errors()).isEmpty();
        assertThat(r.notices()).isEmpty();
        assertThat(r.excluded()).isEmpty();
        Resource deploy = find(r, "Deployment", "release-name-shop");
        assertThat(deploy.origin().file()).isEqualTo(SHOP + "/templates/deploy.yaml");
        assertThat(find(r, "Service", "release-name-shop").origin().file()).isEqualTo(SHOP + "/templates/service.yaml");
        assertThat(find(r, "StatefulSet", "release-name-db").origin().file())
                .isEqualTo(SHOP + "/charts/db/templates/sts.yaml");
    }

    @Test
    void fieldsLandOnTheTemplateLinesThatWroteThem() {
        Resource d = find(load(HelmOptions.DEFAULT, null, SHOP.toString()), "Deployment", "release-name-shop");
        assertThat(line(d, "spec.replicas")).isEqualTo(9);
        // Both containers come from one loop body: each field is on the body's line.
        assertThat(line(d, "spec.template.spec.containers[0].name")).isEqualTo(20);
        assertThat(line(d, "spec.template.spec.containers[1].name")).isEqualTo(20);
        assertThat(line(d, "spec.template.spec.containers[1].image")).isEqualTo(21);
        assertThat(line(d, "spec.template.spec.containers[1].securityContext.privileged")).isEqualTo(23);
        assertThat(d.locate(JsonPath.parse("spec.template.spec.containers[1].securityContext.privileged")))
                .isEqualTo(new Position(23, 13));
        // Written by toYaml: the action's line.
        assertThat(line(d, "spec.template.spec.containers[1].securityContext.capabilities")).isEqualTo(25);
        assertThat(line(d, "spec.template.spec.containers[1].securityContext.capabilities.add[0]")).isEqualTo(26);
        // Written by a helper: the include's line.
        assertThat(line(d, "metadata.labels.app")).isEqualTo(7);
        assertThat(line(d, "spec.template.metadata.labels.release")).isEqualTo(13);
        // A missing field locates at its parent, in the template.
        assertThat(line(d, "spec.template.spec.containers[0].securityContext.runAsNonRoot")).isEqualTo(22);
    }

    @Test
    void conditionalsAndValuesFiles(@TempDir Path dir) throws IOException {
        Resource plain = find(load(HelmOptions.DEFAULT, null, SHOP.toString()), "Deployment", "release-name-shop");
        assertThat(plain.object().path("spec").path("template").path("spec").has("hostNetwork")).isFalse();
        HelmOptions withValues = new HelmOptions(List.of(Path.of("src/test/resources/helm/values-hostnetwork.yaml")),
                List.of("replicas=5"), "prod", null, null, List.of(), false);
        Resource d = find(load(withValues, null, SHOP.toString()), "Deployment", "prod-shop");
        assertThat(d.object().at("/spec/template/spec/hostNetwork").asBoolean()).isTrue();
        assertThat(line(d, "spec.template.spec.hostNetwork")).isEqualTo(16);
        assertThat(d.object().at("/spec/replicas").asInt()).isEqualTo(5);
    }

    @Test
    void setAssignmentsOverrideValues() {
        HelmOptions set = new HelmOptions(List.of(), List.of("service.enabled=false", "containers[0].name=api"), null, null,
                null, List.of(), false);
        LoadResult r = load(set, null, SHOP.toString());
        assertThat(r.resources()).noneMatch(x -> x.kind().equals("Service"));
        assertThat(find(r, "Deployment", "release-name-shop").object().at("/spec/template/spec/containers/0/name").asText())
                .isEqualTo("api");
    }

    @Test
    void hooksAreRenderedAndTestsSkippedUnlessAskedFor() {
        LoadResult r = load(HelmOptions.DEFAULT, null, SHOP.toString());
        Resource job = find(r, "Job", "release-name-migrate");
        assertThat(job.annotations()).containsEntry("helm.sh/hook", "pre-install");
        assertThat(line(job, "spec.template.spec.containers[0].securityContext.privileged")).isEqualTo(15);
        assertThat(r.resources()).noneMatch(x -> x.kind().equals("Pod"));
        assertThat(r.skipped()).anySatisfy(s -> {
            assertThat(s.file()).isEqualTo(SHOP + "/templates/test.yaml");
            assertThat(s.reason()).contains("Helm test hook (helm.sh/hook: test)").contains("--helm-tests");
        });
        HelmOptions tests = new HelmOptions(List.of(), List.of(), null, null, null, List.of(), true);
        Resource pod = find(load(tests, null, SHOP.toString()), "Pod", "release-name-test");
        assertThat(pod.annotations()).containsEntry("helm.sh/hook", "test");
    }

    @Test
    void theNamespaceIsTheReleaseNamespace() {
        LoadResult r = load(HelmOptions.DEFAULT, "shop", SHOP.toString());
        assertThat(r.errors()).isEmpty();
        assertThat(find(r, "Deployment", "release-name-shop").namespace()).isEqualTo("shop");
        Resource svc = find(r, "Service", "release-name-shop");
        assertThat(svc.namespace()).isEqualTo("shop");
        assertThat(svc.namespaceDefaulted()).isTrue();
    }

    @Test
    void withoutANamespaceTheReleaseNamespaceIsTheContextsNotOneTheChartWrote() {
        LoadResult r = load(HelmOptions.DEFAULT, null, SHOP.toString());
        // namespace: {{ .Release.Namespace }} rendered "default": the context's, as if none were written.
        Resource d = find(r, "Deployment", "release-name-shop");
        assertThat(d.namespace()).isEqualTo("default");
        assertThat(d.namespaceDefaulted()).isTrue();
        assertThat(find(r, "Service", "release-name-shop").namespaceDefaulted()).isTrue();
    }

    @Test
    void theKubernetesVersionAndApiVersionsAreTheOnesAskedFor() {
        Resource caps = find(load(HelmOptions.DEFAULT, null, SHOP.toString()), "ConfigMap", "release-name-shop-caps");
        assertThat(caps.object().at("/data/kubeVersion").asText()).isEqualTo(HelmOptions.DEFAULT_KUBE_VERSION);
        assertThat(caps.object().at("/data/monitoring").asText()).isEqualTo("false");
        HelmOptions asked = new HelmOptions(List.of(), List.of(), null, null, "1.29", List.of("monitoring.coreos.com/v1"), false);
        caps = find(load(asked, null, SHOP.toString()), "ConfigMap", "release-name-shop-caps");
        assertThat(caps.object().at("/data/kubeVersion").asText()).isEqualTo("v1.29.0");
        assertThat(caps.object().at("/data/minor").asText()).isEqualTo("29");
        assertThat(caps.object().at("/data/monitoring").asText()).isEqualTo("true");
        // The second document of service.yaml.
        assertThat(caps.origin().file()).endsWith("templates/service.yaml");
        assertThat(line(caps, "data.kubeVersion")).isEqualTo(19);
    }

    @Test
    void aChartThatRequiresAnotherKubernetesVersionIsAnError() {
        HelmOptions old = new HelmOptions(List.of(), List.of(), null, null, "1.24", List.of(), false);
        LoadResult r = load(old, null, SHOP.toString());
        assertThat(r.resources()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .isEqualTo("chart shop requires kubeVersion: >=1.25.0-0 which is incompatible with Kubernetes v1.24.0"
                        + " (--kubernetes-version sets the version)"));
    }

    static Path chart(Path dir, String name, String... files) throws IOException {
        Path c = dir.resolve(name);
        Files.createDirectories(c.resolve("templates"));
        Files.writeString(c.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: 0.1.0\n");
        for (int i = 0; i < files.length; i += 2) {
            Path f = c.resolve(files[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, files[i + 1]);
        }
        return c;
    }

    @Test
    void missingDependenciesAreNamed(@TempDir Path dir) throws IOException {
        Path c = chart(dir, "app", "templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        Files.writeString(c.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n"
                + "  - name: redis\n    version: 17.3.1\n    repository: https://charts.example.com\n");
        LoadResult r = load(HelmOptions.DEFAULT, null, c.toString());
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(c.toString());
            assertThat(e.message()).startsWith("chart app: dependencies missing from charts/: redis 17.3.1 from "
                    + "https://charts.example.com; run helm dependency build");
        });
    }

    @Test
    void aRenderingErrorNamesTheTemplateAndLineAndTheOtherInputsStillLoad(@TempDir Path dir) throws IOException {
        Path c = chart(dir, "broken", "templates/cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{ required \"set a\" .Values.a }}\n");
        Path plain = Files.writeString(dir.resolve("plain.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: p}\n");
        LoadResult r = load(HelmOptions.DEFAULT, null, c.toString(), plain.toString());
        assertThat(r.resources()).extracting(Resource::name).containsExactly("p");
        InputError e = r.errors().get(0);
        assertThat(r.errors()).hasSize(1);
        assertThat(e.file()).isEqualTo(c + "/templates/cm.yaml");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.message()).contains("set a").startsWith("Helm could not render chart " + c);
    }

    @Test
    void aTemplateThatRendersInvalidYamlIsAnErrorOfThatTemplate(@TempDir Path dir) throws IOException {
        Path c = chart(dir, "bad", "templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n");
        LoadResult r = load(HelmOptions.DEFAULT, null, c.toString());
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(c + "/templates/cm.yaml");
            assertThat(e.message()).startsWith("Helm rendered invalid YAML");
        });
    }

    @Test
    void aChartInsideATreeIsRenderedOnceWithItsSubcharts(@TempDir Path dir) throws IOException {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        copy(SHOP, repo.resolve("deploy/shop"));
        Files.writeString(repo.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        LoadResult r = load(HelmOptions.DEFAULT, null, repo.toString());
        assertThat(r.errors()).isEmpty();
        assertThat(r.notices()).isEmpty();
        assertThat(r.resources().stream().filter(x -> x.kind().equals("StatefulSet"))).hasSize(1);
        assertThat(find(r, "Namespace", "shop").origin().file()).endsWith("ns.yaml");
    }

    @Test
    void aPackagedChartAndPackagedSubchart(@TempDir Path dir) throws Exception {
        Path sub = chart(dir.resolve("src"), "db", "templates/sts.yaml",
                "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n"
                        + "      hostPID: true\n");
        Path app = chart(dir.resolve("src"), "app", "templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        Files.createDirectories(app.resolve("charts"));
        Tgz.write(sub, app.resolve("charts/db-0.1.0.tgz"));
        Path archive = dir.resolve("app-0.1.0.tgz");
        Tgz.write(app, archive);
        LoadResult r = load(HelmOptions.DEFAULT, null, archive.toString());
        assertThat(r.errors()).isEmpty();
        Resource sts = find(r, "StatefulSet", "db");
        assertThat(sts.origin().file()).isEqualTo(archive + "!/app/charts/db-0.1.0.tgz!/db/templates/sts.yaml");
        assertThat(line(sts, "spec.template.spec.hostPID")).isEqualTo(8);
        assertThat(find(r, "ConfigMap", "a").origin().file()).isEqualTo(archive + "!/app/templates/cm.yaml");
    }

    @Test
    void anArchiveThatIsNotOneIsAnError(@TempDir Path dir) throws IOException {
        Path bogus = Files.writeString(dir.resolve("chart.tgz"), "not gzip");
        LoadResult r = load(HelmOptions.DEFAULT, null, bogus.toString());
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .startsWith("cannot read the chart: not a gzip-compressed tar archive"));
    }

    @Test
    void anArchiveReachingOutsideTheChartIsRefused(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("evil.tgz");
        Tgz.writeEntries(archive, "evil/Chart.yaml", "apiVersion: v2\nname: evil\nversion: 1.0.0\n",
                "evil/../../outside.yaml", "x: 1\n");
        LoadResult r = load(HelmOptions.DEFAULT, null, archive.toString());
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("outside the chart"));
        assertThat(dir.resolve("outside.yaml")).doesNotExist();
    }

    static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
