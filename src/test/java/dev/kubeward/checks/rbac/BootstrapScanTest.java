package dev.kubeward.checks.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.model.Inventory;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stock policy of an API server is what every cluster has; reporting it would bury real findings. */
class BootstrapScanTest {
    private static final Path BOOTSTRAP = Path.of("src/test/resources/rbac/bootstrap");

    @Test
    void scanningTheStockPolicyFindsNothingAtDefaultConfiguration() {
        LoadResult loaded = new ManifestLoader().load(List.of(BOOTSTRAP.toString()));
        assertThat(loaded.errors()).isEmpty();
        assertThat(loaded.resources()).hasSize(131);

        List<Finding> findings = new Scanner(CheckRegistry.builtIn(), Config.DEFAULT).scan(new Inventory(loaded.resources()));

        assertThat(findings).extracting(f -> f.file() + ":" + f.line() + " " + f.checkId() + " " + f.message()).isEmpty();
    }

    @Test
    void theSameObjectsWithoutTheBootstrapLabelAreReported() throws IOException {
        // Proves the test above passes because stock objects are recognised, not because the checks are blind.
        String text = Files.readString(BOOTSTRAP.resolve("cluster-role-bindings.yaml"))
                .replace("kubernetes.io/bootstrapping: rbac-defaults", "example.com/copied: \"true\"");
        LoadResult loaded = new ManifestLoader().loadText("unlabelled.yaml", text);

        List<Finding> findings = new Scanner(CheckRegistry.builtIn(), Config.DEFAULT).scan(new Inventory(loaded.resources()));

        assertThat(findings).extracting(Finding::checkId).contains("rbac-system-masters", "rbac-authenticated-binding",
                "rbac-anonymous-binding");
    }

    @Test
    void theBundledPolicyIsTheTestedReferenceData() throws IOException {
        for (String file : BootstrapPolicy.FILES) {
            try (InputStream in = BootstrapPolicy.class.getResourceAsStream(BootstrapPolicy.RESOURCE_DIR + file)) {
                assertThat(in).as(file).isNotNull();
                assertThat(in.readAllBytes()).as(file).isEqualTo(Files.readAllBytes(BOOTSTRAP.resolve(file)));
            }
        }
        assertThat(BootstrapPolicy.get().objects()).hasSize(131);
    }

    @Test
    void theModelIsBuiltOncePerScan() {
        Inventory inventory = new Inventory(new ManifestLoader().loadText("x.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: r, namespace: shop}
                rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
                """).resources());

        assertThat(RbacScan.of(inventory)).isSameAs(RbacScan.of(inventory));
        assertThat(RbacScan.of(inventory).objectsOf(inventory.all().get(0))).hasSize(1);
    }
}
