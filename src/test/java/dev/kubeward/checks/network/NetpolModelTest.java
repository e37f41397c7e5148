package dev.kubeward.checks.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Inventory;
import dev.kubeward.netpol.Workload;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import org.junit.jupiter.api.Test;

class NetpolModelTest {
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
            """;

    private static Inventory inventory(String yaml) {
        LoadResult loaded = new ManifestLoader().loadText("in.yaml", yaml);
        assertThat(loaded.errors()).isEmpty();
        return new Inventory(loaded.resources());
    }

    @Test
    void oneModelPerScanSharedByEveryCheck() {
        Inventory inventory = inventory(WORKLOAD);
        assertThat(NetpolModel.of(inventory)).isSameAs(NetpolModel.of(inventory));
    }

    @Test
    void aRejectedPolicyIsLocatedAndLeftOutWhileTheOthersApply() {
        NetpolModel model = NetpolModel.of(inventory(WORKLOAD + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: broken, namespace: shop}
                spec:
                  podSelector: {}
                  ingress:
                    - ports:
                        - protocol: ICMP
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: good, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                """));
        assertThat(model.rejected()).singleElement().satisfies(r -> {
            assertThat(r.toInputError().line()).isEqualTo(18);
            assertThat(r.toInputError().message()).isEqualTo("NetworkPolicy shop/broken: spec.ingress[0].ports[0]"
                    + ".protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\"");
        });
        assertThat(model.cluster().policies()).extracting(p -> p.id()).containsExactly("shop/good");
    }

    @Test
    void aWorkloadWithAnUnknownPortProtocolIsRejectedAtItsStart() {
        NetpolModel model = NetpolModel.of(inventory("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: shop}
                spec:
                  containers: [{name: c, image: x:1, ports: [{containerPort: 1, protocol: ICMP}]}]
                """));
        assertThat(model.rejected()).singleElement().satisfies(r -> assertThat(r.toInputError().toString())
                .isEqualTo("in.yaml:5: Pod shop/p: spec.containers[0].ports[0].protocol: Unsupported value: \"ICMP\": "
                        + "supported values: \"SCTP\", \"TCP\", \"UDP\""));
        assertThat(model.hasWorkloads()).isFalse();
    }

    @Test
    void onlyBuiltInKindsAreRead() {
        NetpolModel model = NetpolModel.of(inventory(WORKLOAD + """
                ---
                apiVersion: crd.projectcalico.org/v1
                kind: NetworkPolicy
                metadata: {name: calico, namespace: shop}
                spec:
                  selector: all()
                ---
                apiVersion: example.com/v1
                kind: Deployment
                metadata: {name: fake, namespace: shop}
                spec:
                  template:
                    metadata: {labels: {app: fake}}
                    spec:
                      containers: [{name: x, image: x:1}]
                """));
        assertThat(model.cluster().policies()).isEmpty();
        assertThat(model.cluster().workloads()).extracting(Workload::id).containsExactly("shop/web[Deployment]");
    }

    @Test
    void workloadsAndPoliciesMapBackToTheirResources() {
        Inventory inventory = inventory(WORKLOAD);
        NetpolModel model = NetpolModel.of(inventory);
        Workload web = model.cluster().workloads().get(0);
        assertThat(model.resourceOf(web)).containsSame(inventory.all().get(0));
        assertThat(model.namespacesInInput()).containsExactly("shop");
    }

    @Test
    void everyErrorOfARejectedPolicyIsLocatedOnItsOwnLine() {
        NetpolModel model = NetpolModel.of(inventory(WORKLOAD + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: broken, namespace: shop}
                spec:
                  podSelector: {}
                  ingress:
                    - ports:
                        - port: 0
                        - protocol: ICMP
                """));
        assertThat(model.rejected()).extracting(r -> r.toInputError().toString()).containsExactly(
                "in.yaml:18: NetworkPolicy shop/broken: spec.ingress[0].ports[0].port: Invalid value: 0: must be "
                        + "between 1 and 65535, inclusive",
                "in.yaml:19: NetworkPolicy shop/broken: spec.ingress[0].ports[1].protocol: Unsupported value: "
                        + "\"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\"");
        assertThat(model.cluster().policies()).isEmpty();
    }

    @Test
    void podsOfOneOwnerThatPoliciesTellApartAreReportedAtTheirLabels() {
        NetpolModel model = NetpolModel.of(inventory("""
                apiVersion: v1
                kind: PodList
                items:
                - metadata:
                    name: agents-1
                    namespace: shop
                    labels: {app: agent, tier: a}
                    ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agents, controller: true, uid: u}]
                  spec: {containers: [{name: c, image: x:1}]}
                - metadata:
                    name: agents-2
                    namespace: shop
                    labels: {app: agent, tier: b}
                    ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agents, controller: true, uid: u}]
                  spec: {containers: [{name: c, image: x:1}]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: tier-a, namespace: shop}
                spec: {podSelector: {matchLabels: {tier: a}}}
                """));
        assertThat(model.partlyRead()).singleElement().satisfies(r -> assertThat(r.toInputError().toString())
                .startsWith("in.yaml:13: Pod shop/agents-2: metadata.labels: label tier=b differs from pod "
                        + "shop/agents-1 (tier=a) of the same owner shop/agents[DaemonSet]"));
        assertThat(model.rejected()).isEmpty();
    }

    @Test
    void customResourcesAreKeptForTheOperatorCase() {
        NetpolModel model = NetpolModel.of(inventory(WORKLOAD + """
                ---
                apiVersion: kafka.strimzi.io/v1beta2
                kind: Kafka
                metadata: {name: events, namespace: shop}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web, namespace: shop}
                """));
        assertThat(model.customResources()).extracting(r -> r.kind() + " " + r.name()).containsExactly("Kafka events");
    }
}
