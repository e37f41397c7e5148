package dev.kubeward.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeProxyMetricsTest {

    @ParameterizedTest(name = "''{0}'' loopback: {1}")
    @CsvSource({
        "'', true",
        "'  ', true",
        "127.0.0.1:10249, true",
        "127.0.0.2:10249, true",
        "'[::1]:10249', true",
        "::1, true",
        "localhost:10249, true",
        "LOCALHOST:10249, true",
        "0.0.0.0:10249, false",
        "0.0.0.0, false",
        "':10249', false",
        "'[::]:10249', false",
        ":::10249, false",
        "10.0.1.23:10249, false",
        "127.0.0.1.nip.io:10249, false",
        "'[::1', true",
        "10249, false"})
    void loopbackAddresses(String address, boolean loopback) {
        assertThat(KubeProxyMetrics.isLoopback(address)).isEqualTo(loopback);
    }

    @Test
    void theConfigMapFindingPointsAtTheKeyHoldingTheConfiguration() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: kube-proxy, namespace: kube-system}
                data:
                  kubeconfig.conf: "apiVersion: v1"
                  config.conf: |
                    apiVersion: kubeproxy.config.k8s.io/v1alpha1
                    kind: KubeProxyConfiguration
                    metricsBindAddress: 0.0.0.0:10249
                """;
        LoadResult loaded = new ManifestLoader().loadText("cm.yaml", yaml);
        Resource cm = loaded.resources().get(0);
        assertThat(KubeProxyMetrics.of(cm)).singleElement().satisfies(a -> {
            assertThat(a.value()).isEqualTo("0.0.0.0:10249");
            assertThat(cm.locate(a.path()).line()).isEqualTo(6);
        });
    }
}
