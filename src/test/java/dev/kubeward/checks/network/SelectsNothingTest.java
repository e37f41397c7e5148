package dev.kubeward.checks.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Inventory;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What netpol-selects-nothing says, in each of its three cases (fixtures check where and how severe). */
class SelectsNothingTest {
    private static final String WORKLOAD = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: nginx:1.27}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop}
            spec: {podSelector: {matchLabels: {app.kubernetes.io/instance: orders}}}
            """;

    private static List<String> messages(String yaml) {
        LoadResult loaded = new ManifestLoader().loadText("in.yaml", yaml);
        assertThat(loaded.errors()).isEmpty();
        return new SelectsNothing().findings(NetpolModel.of(new Inventory(loaded.resources()))).stream()
                .map(ModelCheck.Located::message).toList();
    }

    @Test
    void withoutCustomResourcesItSaysThePolicySelectsNoPod() {
        assertThat(messages(WORKLOAD)).containsExactly("NetworkPolicy shop/db (podSelector "
                + "{app.kubernetes.io/instance=orders}) selects no pod of namespace shop in the input");
    }

    @Test
    void withCustomResourcesItNamesThemLikelyOwnerFirst() {
        assertThat(messages(WORKLOAD + """
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: web, namespace: shop}
                ---
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: orders, namespace: shop}
                """)).containsExactly("NetworkPolicy shop/db (podSelector {app.kubernetes.io/instance=orders}) selects "
                + "no pod of the input; namespace shop has custom resources (postgresql.cnpg.io/Cluster orders, "
                + "monitoring.coreos.com/ServiceMonitor web), whose operator may create the pods it is meant for, "
                + "which the input does not show");
    }

    @Test
    void customResourcesElsewhereStillSayTheInputHasThem() {
        assertThat(messages(WORKLOAD + """
                ---
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: orders, namespace: data}
                """)).singleElement().asString().contains("selects no pod of the input; the input has custom resources "
                + "(postgresql.cnpg.io/Cluster orders)");
    }

    @Test
    void onlyHostNetworkPodsIsolateNothing() {
        assertThat(messages(WORKLOAD + """
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: exporter, namespace: shop}
                spec:
                  selector: {matchLabels: {app.kubernetes.io/instance: orders}}
                  template:
                    metadata: {labels: {app.kubernetes.io/instance: orders}}
                    spec:
                      hostNetwork: true
                      containers: [{name: e, image: exporter:1}]
                """)).containsExactly("NetworkPolicy shop/db (podSelector {app.kubernetes.io/instance=orders}) selects "
                + "only pods that use the host network (shop/exporter[DaemonSet]): NetworkPolicy does not apply to "
                + "them, so it isolates nothing");
    }
}
