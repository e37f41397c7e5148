package dev.kubeward.source.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Location;
import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An old kustomize, played by a script on the PATH (so these run on every machine with a shell):
 * one that refuses {@code buildMetadata} and one that ignores it and prints objects without the
 * {@code config.kubernetes.io/origin} annotation. Neither leads to a made-up file.
 */
class KustomizeOldBinaryTest {
    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: app
                    image: nginx:1.27
                    securityContext: {privileged: true}
            """;

    /** A directory with a kustomization and its resource, and a bin directory holding {@code kustomize} running {@code script}. */
    static Map<String, String> fake(Path dir, String script) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n- deploy.yaml\n");
        Files.writeString(dir.resolve("deploy.yaml"), DEPLOYMENT);
        Path bin = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-bin"));
        Path exe = bin.resolve("kustomize");
        Files.writeString(exe, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", bin + ":/usr/bin:/bin");
        return env;
    }

    @Test
    void aBinaryThatIgnoresBuildMetadataIsSaidAndFindingsNameTheKustomization(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("overlay"));
        // Prints the objects as a kustomize before v4.5.0 would: no origin annotation.
        Map<String, String> env = fake(dir, "cat <<'EOF'\n" + DEPLOYMENT + "EOF\n");
        LoadResult r = KustomizeBuildTest.load(env, dir.toString());
        assertThat(r.errors()).isEmpty();
        assertThat(r.resources()).extracting(Resource::displayName).containsExactly("Deployment shop/web");
        assertThat(r.notices()).singleElement().satisfies(n -> {
            assertThat(n.file()).isEqualTo(dir.resolve("kustomization.yaml").toString());
            assertThat(n.message()).startsWith("kustomize build ignored buildMetadata: [originAnnotations]")
                    .contains("none of its 1 object").contains("findings name this kustomization")
                    .contains("v4.5.0");
        });
        // Not deploy.yaml, which the build never named: the kustomization, with the reason on the place.
        Location at = r.resources().get(0).where(JsonPath.parse("spec.template.spec.containers[0].securityContext.privileged"));
        assertThat(at.file()).isEqualTo(dir.resolve("kustomization.yaml").toString());
        assertThat(at.note()).contains("recorded no origin");
    }

    @Test
    void aBinaryThatRecordsOriginsGivesNoNotice(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("overlay"));
        String annotated = DEPLOYMENT.replace("  namespace: shop\n", "  namespace: shop\n  annotations:\n"
                + "    config.kubernetes.io/origin: |\n      path: " + tmp.relativize(dir) + "/deploy.yaml\n");
        // The wrapper kustomization sits in a temporary directory; the path is relative to it, so print
        // it relative to the working directory the build runs in (the wrapper's), as kustomize does.
        Map<String, String> env = fake(dir, "rel=$(realpath --relative-to=\"$PWD\" '" + dir.toRealPath() + "')\n"
                + "sed \"s|path: .*|path: $rel/deploy.yaml|\" <<'EOF'\n" + annotated + "EOF\n");
        LoadResult r = KustomizeBuildTest.load(env, dir.toString());
        assertThat(r.errors()).isEmpty();
        assertThat(r.notices()).isEmpty();
        assertThat(r.resources().get(0).origin().file()).isEqualTo(dir.resolve("deploy.yaml").toString());
    }

    @Test
    void aBinaryThatRefusesBuildMetadataIsAnErrorSayingItIsTooOld(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("overlay"));
        Map<String, String> env = fake(dir, "echo 'Error: json: unknown field \"buildMetadata\"' >&2\nexit 1\n");
        LoadResult r = KustomizeBuildTest.load(env, dir.toString());
        assertThat(r.resources()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(dir.resolve("kustomization.yaml").toString());
            assertThat(e.message()).contains("too old").contains("v4.5.0");
        });
    }
}
