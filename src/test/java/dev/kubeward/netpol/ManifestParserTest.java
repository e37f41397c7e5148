package dev.kubeward.netpol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestParserTest {

    @Test
    void readsEveryPodBearingKindWithTemplateLabels() {
        ClusterModel model = Fixtures.load("""
                kind: StatefulSet
                metadata: {name: s, namespace: n}
                spec: {template: {metadata: {labels: {app: s}}}}
                ---
                kind: DaemonSet
                metadata: {name: d, namespace: n}
                spec: {template: {metadata: {labels: {app: d}}}}
                ---
                kind: Job
                metadata: {name: j, namespace: n}
                spec: {template: {metadata: {labels: {app: j}}}}
                ---
                kind: CronJob
                metadata: {name: c, namespace: n}
                spec: {jobTemplate: {spec: {template: {metadata: {labels: {app: c}}}}}}
                ---
                kind: ReplicationController
                metadata: {name: r}
                spec: {template: {metadata: {labels: {app: r}}}}
                """);
        assertThat(model.workloads()).extracting(Workload::id).containsExactly(
                "n/s[StatefulSet]", "n/d[DaemonSet]", "n/j[Job]", "n/c[CronJob]", "default/r[ReplicationController]");
        assertThat(model.workloads().get(3).podLabels()).isEqualTo(Map.of("app", "c"));
    }

    @Test
    void groupsOwnedPodsUnderTheirControllerAndKeepsUnownedPods() {
        ClusterModel model = Fixtures.load("""
                kind: Pod
                metadata:
                  name: web-abc-1
                  namespace: shop
                  labels: {app: web}
                  ownerReferences: [{kind: Node, name: other}, {kind: ReplicaSet, name: web-abc, controller: true}]
                spec: {containers: [{name: c, ports: [{name: http, containerPort: 80, protocol: TCP}]}]}
                ---
                kind: Pod
                metadata:
                  name: web-abc-2
                  namespace: shop
                  labels: {app: web}
                  ownerReferences: [{kind: ReplicaSet, name: web-abc, controller: true}]
                ---
                kind: Pod
                metadata: {name: debug, namespace: shop, labels: {run: debug}}
                """);
        assertThat(model.workloads()).extracting(Workload::id)
                .containsExactly("shop/web-abc[ReplicaSet]", "shop/debug[Pod]");
        assertThat(model.workloads().get(0).ports()).containsExactly(new ContainerPort("http", 80, Protocol.TCP));
    }

    @Test
    void readsPolicyRulesWithPathsAndEffectivePolicyTypes() {
        ClusterModel model = Fixtures.load("""
                kind: NetworkPolicy
                metadata: {name: p, namespace: n}
                spec:
                  podSelector: {matchLabels: {app: x}}
                  ingress:
                  - from:
                    - podSelector: {}
                    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
                    ports: [{port: http}, {port: 8000, endPort: 8100, protocol: UDP}]
                  egress:
                  - {}
                """);
        NetworkPolicy policy = model.policies().get(0);
        assertThat(policy.isolatesIngress()).isTrue();
        assertThat(policy.isolatesEgress()).isTrue();
        PolicyRule rule = policy.ingressRules().get(0);
        assertThat(rule.path()).isEqualTo("spec.ingress[0]");
        assertThat(rule.peers()).extracting(PolicyPeer::path)
                .containsExactly("spec.ingress[0].from[0]", "spec.ingress[0].from[1]");
        assertThat(rule.peers().get(1).ipBlock().except()).containsExactly("10.1.0.0/16");
        assertThat(rule.ports()).containsExactly(new PolicyPort(Protocol.TCP, null, "http", null),
                new PolicyPort(Protocol.UDP, 8000, null, 8100));
        assertThat(policy.egressRules().get(0).allowsAllPeers()).isTrue();
        assertThat(policy.egressRules().get(0).ports()).isEmpty();
    }

    @Test
    void reportsMalformedPoliciesWithObjectAndPath() {
        assertThatThrownBy(() -> Fixtures.load("""
                kind: NetworkPolicy
                metadata: {name: bad, namespace: n}
                spec:
                  podSelector: {}
                  egress: [{to: [{ipBlock: {cidr: 300.0.0.0/8}}]}]
                """)).hasMessageContaining("NetworkPolicy n/bad").hasMessageContaining("spec.egress[0].to[0].ipBlock");
        assertThatThrownBy(() -> Fixtures.load("""
                kind: NetworkPolicy
                metadata: {name: bad, namespace: n}
                spec:
                  podSelector: {matchExpressions: [{key: a, operator: Maybe}]}
                """)).hasMessageContaining("spec.podSelector.matchExpressions[0]");
    }

    @Test
    void namespacesGetTheirNameLabelAndReferencedOnesAreImplicit() {
        ClusterModel model = Fixtures.load("""
                kind: Namespace
                metadata: {name: shop, labels: {env: prod}}
                ---
                kind: Pod
                metadata: {name: p, namespace: ghost}
                """);
        assertThat(model.namespaceLabels("shop")).isEqualTo(Map.of("env", "prod", Namespace.NAME_LABEL, "shop"));
        assertThat(model.namespaceLabels("ghost")).isEqualTo(Map.of(Namespace.NAME_LABEL, "ghost"));
        assertThat(model.namespaces()).extracting(Namespace::name).containsExactly("shop", "ghost");
    }

    @Test
    void readsServicesAndIngressBackends() {
        ClusterModel model = Fixtures.load("""
                kind: Service
                metadata: {name: s, namespace: n}
                spec: {selector: {app: x}, ports: [{name: web, port: 80, targetPort: http}, {port: 53, protocol: UDP}]}
                ---
                kind: Ingress
                metadata: {name: i, namespace: n}
                spec:
                  defaultBackend: {service: {name: s, port: {number: 80}}}
                  rules: [{http: {paths: [{path: /, backend: {service: {name: s, port: {name: web}}}}]}}]
                """);
        assertThat(model.services().get(0).ports()).containsExactly(
                new ServicePort("web", 80, null, "http", Protocol.TCP), new ServicePort(null, 53, 53, null, Protocol.UDP));
        assertThat(model.ingressBackends()).containsExactly(
                new IngressBackend("n", "i", "spec.defaultBackend", "s", 80, null),
                new IngressBackend("n", "i", "spec.rules[0].http.paths[0].backend", "s", null, "web"));
    }

    @Test
    void ignoresUnrelatedKinds() {
        ClusterModel model = Fixtures.load("""
                kind: ConfigMap
                metadata: {name: c}
                """);
        assertThat(model.workloads()).isEmpty();
        assertThat(model.policies()).isEqualTo(List.of());
    }
}
