package dev.kubeward.netpol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EquivalenceClassTest {

    @Test
    void identicalWorkloadsShareAClassButNeverConnectToThemselves() {
        Reachability reachability = Reachability.of(Fixtures.load("""
                kind: Deployment
                metadata: {name: a, namespace: n}
                spec: {template: {metadata: {labels: {app: same}}}}
                ---
                kind: StatefulSet
                metadata: {name: b, namespace: n}
                spec: {template: {metadata: {labels: {app: same}}}}
                ---
                kind: NetworkPolicy
                metadata: {name: deny-external, namespace: n}
                spec:
                  podSelector: {}
                  ingress: [{from: [{podSelector: {}}]}]
                """));
        assertThat(reachability.podClassCount()).isEqualTo(1);
        assertThat(reachability.connections()).extracting(Connection::toString).containsExactly(
                "n/a[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections",
                "n/a[Deployment] => n/b[StatefulSet] : All Connections",
                "n/b[StatefulSet] => 0.0.0.0-255.255.255.255[External] : All Connections",
                "n/b[StatefulSet] => n/a[Deployment] : All Connections");
    }

    @Test
    void namedPortsSplitClassesBecauseTheyResolveDifferently() {
        Reachability reachability = Reachability.of(Fixtures.load("""
                kind: Deployment
                metadata: {name: a, namespace: n}
                spec: {template: {metadata: {labels: {app: same}}, spec: {containers: [{name: c, ports: [{name: http, containerPort: 80}]}]}}}
                ---
                kind: Deployment
                metadata: {name: b, namespace: n}
                spec: {template: {metadata: {labels: {app: same}}, spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}}}
                ---
                kind: NetworkPolicy
                metadata: {name: http-only, namespace: n}
                spec:
                  podSelector: {}
                  ingress: [{from: [{podSelector: {}}], ports: [{port: http}]}]
                """));
        assertThat(reachability.podClassCount()).isEqualTo(2);
        assertThat(reachability.connections()).extracting(Connection::toString).containsExactly(
                "n/a[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections",
                "n/a[Deployment] => n/b[Deployment] : TCP 8080",
                "n/b[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections",
                "n/b[Deployment] => n/a[Deployment] : TCP 80");
    }
}
