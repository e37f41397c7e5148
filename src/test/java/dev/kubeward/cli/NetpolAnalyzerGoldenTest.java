package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kubeward netpol reach} agrees line for line with netpol-analyzer's {@code list} on
 * inputs of netpol-analyzer's own test suite (src/test/resources/netpol-analyzer/README.md says
 * where each comes from and what it exercises).
 */
class NetpolAnalyzerGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/netpol-analyzer");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"core_pods_without_host_ip", "k8s_ingress_test", "minimal_test_in_ns"})
    void reachPrintsWhatNetpolAnalyzerPrints(String test) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"netpol", "reach", DIR.resolve(test).toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.toString().lines()).containsExactlyElementsOf(
                Files.readString(DIR.resolve(test).resolve("connlist_output.txt")).lines().toList());
    }
}
