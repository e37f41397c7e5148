package dev.kubeward.source.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl is replaced by a script that records its arguments and answers as a cluster would. */
public class KubectlSourceTest {
    public static Path fakeKubectl(Path dir, String body) throws Exception {
        Path script = dir.resolve("kubectl");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" > \"" + dir.resolve("args") + "\"\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    public static Path answering(Path dir) throws Exception {
        Path answer = Path.of("src/test/resources/cluster/kubectl-get.json").toAbsolutePath();
        return fakeKubectl(dir, "cat '" + answer + "'");
    }

    @Test
    void keepsTopLevelWorkloadsOnly(@TempDir Path dir) throws Exception {
        LoadResult r = KubectlSource.load(new KubectlSource.Target(answering(dir).toString(), null, null));
        assertThat(r.errors()).isEmpty();
        assertThat(r.resources()).extracting(Resource::displayName)
                .containsExactly("Deployment shop/web", "Pod shop/debug", "Pod shop/custom-owned");
        assertThat(r.resources()).allSatisfy(res -> assertThat(res.origin().file()).isEqualTo("cluster:current-context"));
    }

    @Test
    void passesKubeconfigAndContextAndAsksForEveryPodBearingKind(@TempDir Path dir) throws Exception {
        KubectlSource.load(new KubectlSource.Target(answering(dir).toString(), "/tmp/kc", "prod"));
        assertThat(Files.readString(dir.resolve("args")).strip()).isEqualTo("--kubeconfig=/tmp/kc --context=prod get "
                + KubectlSource.KINDS + " --all-namespaces --output=json");
    }

    @Test
    void aFailingKubectlIsAnInputErrorWithItsOwnWords(@TempDir Path dir) throws Exception {
        Path kubectl = fakeKubectl(dir, "echo 'error: context \"prod\" does not exist' >&2; exit 1");
        LoadResult r = KubectlSource.load(new KubectlSource.Target(kubectl.toString(), null, "prod"));
        assertThat(r.resources()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("cluster:prod");
            assertThat(e.message()).isEqualTo("kubectl failed (exit 1): error: context \"prod\" does not exist");
        });
    }

    @Test
    void onlyKubectlsConclusionIsQuotedNotClientGoRetryLogs(@TempDir Path dir) throws Exception {
        Path kubectl = fakeKubectl(dir, "for i in 1 2 3; do echo 'E1123 memcache.go:265] \"Unhandled Error\" err=\"dial tcp\"' >&2; done;"
                + " echo 'The connection to the server localhost:8080 was refused - did you specify the right host or port?' >&2; exit 1");
        LoadResult r = KubectlSource.load(new KubectlSource.Target(kubectl.toString(), null, null));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("kubectl failed (exit 1): "
                + "The connection to the server localhost:8080 was refused - did you specify the right host or port?"));
    }

    @Test
    void aMissingKubectlSaysHowToProvideOne(@TempDir Path dir) {
        LoadResult r = KubectlSource.load(new KubectlSource.Target(dir.resolve("nope").toString(), null, null));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .startsWith("cannot run " + dir.resolve("nope")).contains("--kubectl or KUBEWARD_KUBECTL"));
    }

    @Test
    void anAnswerThatIsNotJsonIsReportedWhereItCameFrom(@TempDir Path dir) throws Exception {
        Path kubectl = fakeKubectl(dir, "echo '{\"kind\": '");
        LoadResult r = KubectlSource.load(new KubectlSource.Target(kubectl.toString(), null, null));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.file()).isEqualTo("cluster:current-context"));
    }
}
