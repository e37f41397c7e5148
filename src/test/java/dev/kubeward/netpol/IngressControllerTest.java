package dev.kubeward.netpol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingress controller is an unknown pod: only ingress rules admitting every pod of every
 * namespace let it through; ports are the Service targets on each backend workload.
 */
class IngressControllerTest {
    private static final String APP = """
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}}}
            ---
            kind: Deployment
            metadata: {name: web-canary, namespace: shop}
            spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, ports: [{name: http, containerPort: 8081}]}]}}}
            ---
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}, {name: admin, port: 9000}]}
            ---
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec: {rules: [{http: {paths: [{path: /, backend: {service: {name: web, port: {number: 80}}}}]}}]}
            """;

    private static List<String> controllerLines(String extra) {
        return Fixtures.lines(Fixtures.load(APP + "---\n" + extra)).stream()
                .filter(line -> line.startsWith(Connection.INGRESS_CONTROLLER)).toList();
    }

    @Test
    void namedTargetPortResolvesPerWorkloadWithoutPolicies() {
        assertThat(controllerLines("")).containsExactly(
                "{ingress-controller} => shop/web-canary[Deployment] : TCP 8081",
                "{ingress-controller} => shop/web[Deployment] : TCP 8080");
    }

    @Test
    void blockedWhenPoliciesAdmitOnlyASpecificNamespace() {
        assertThat(controllerLines("""
                kind: NetworkPolicy
                metadata: {name: only-infra, namespace: shop}
                spec:
                  podSelector: {}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {team: infra}}}]}]
                """)).isEmpty();
    }

    /**
     * netpol-analyzer evaluates the policies for a stand-in pod without labels in namespace
     * ingress-controller-ns (connlist.go getIngressAllowedConnections): selectors it satisfies
     * let it in, a podSelector alone (the policy's own namespace) does not.
     */
    @Test
    void theControllerIsALabellessPodOfItsOwnNamespace() {
        assertThat(controllerLines("""
                kind: NetworkPolicy
                metadata: {name: not-tenants, namespace: shop}
                spec:
                  podSelector: {}
                  ingress:
                  - from: [{namespaceSelector: {matchExpressions: [{key: tenant, operator: DoesNotExist}]}}]
                    ports: [{port: 8080}]
                  - from: [{podSelector: {}}]
                """)).containsExactly("{ingress-controller} => shop/web[Deployment] : TCP 8080");
        assertThat(controllerLines("""
                kind: NetworkPolicy
                metadata: {name: by-name, namespace: shop}
                spec:
                  podSelector: {}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-controller-ns}},
                                     podSelector: {matchLabels: {app: nginx}}}]}]
                """)).isEmpty();
    }

    @Test
    void allowedPortsIntersectWithTheTargetPort() {
        assertThat(controllerLines("""
                kind: NetworkPolicy
                metadata: {name: any-pod, namespace: shop}
                spec:
                  podSelector: {}
                  ingress: [{from: [{namespaceSelector: {}}], ports: [{port: 8080}, {port: 9000}]}]
                """)).containsExactly("{ingress-controller} => shop/web[Deployment] : TCP 8080");
    }

    @Test
    void servicePortByNameSelectsOnlyThatPort() {
        List<String> lines = Fixtures.lines(Fixtures.load(APP.replace("port: {number: 80}", "port: {name: admin}")))
                .stream().filter(line -> line.startsWith(Connection.INGRESS_CONTROLLER)).toList();
        // targetPort absent: the Service port number is the target.
        assertThat(lines).containsExactly(
                "{ingress-controller} => shop/web-canary[Deployment] : TCP 9000",
                "{ingress-controller} => shop/web[Deployment] : TCP 9000");
    }
}
