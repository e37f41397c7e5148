package dev.kubeward.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.image.vuln.VulnSeverity;
import dev.kubeward.model.Inventory;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each factor of a deployment, on a manifest that has it and one that does not. */
class DeploymentExposureTest {

    private static Map<String, List<Factor>> factors(String yaml) {
        LoadResult loaded = new ManifestLoader().loadText("in.yaml", yaml);
        assertThat(loaded.errors()).isEmpty();
        Inventory inv = new Inventory(loaded.resources());
        return DeploymentExposure.of(inv, loaded.resources()).all().stream().collect(Collectors.toMap(
                e -> e.workload().name() + "/" + e.container().name(),
                e -> e.reasons().stream().map(Reason::factor).toList()));
    }

    private static Exposure only(String yaml) {
        LoadResult loaded = new ManifestLoader().loadText("in.yaml", yaml);
        Inventory inv = new Inventory(loaded.resources());
        List<Exposure> all = DeploymentExposure.of(inv, loaded.resources()).all();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static String deployment(String ns, String name, String podSpecExtra, String containerExtra) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %2$s, namespace: %1$s}
                spec:
                  selector: {matchLabels: {app: %2$s}}
                  template:
                    metadata: {labels: {app: %2$s}}
                    spec:
                      automountServiceAccountToken: false
                %3$s
                      containers:
                      - name: app
                        image: %2$s:1.0
                        ports: [{containerPort: 8080}]
                %4$s
                ---
                """.formatted(ns, name, podSpecExtra.indent(6).stripTrailing(), containerExtra.indent(8).stripTrailing());
    }

    private static final String NON_ROOT = "securityContext: {runAsUser: 1000, runAsNonRoot: true}";

    private static String defaultDeny(String ns) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny, namespace: %s}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                ---
                """.formatted(ns);
    }

    private static String service(String ns, String name, String type) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %2$s, namespace: %1$s}
                spec:
                  type: %3$s
                  selector: {app: %2$s}
                  ports: [{port: 80, targetPort: 8080}]
                ---
                """.formatted(ns, name, type);
    }

    @Test
    void aLoadBalancerWithNoPolicyIsInternetFacingAndADefaultDenyTakesItAway() {
        String open = deployment("shop", "web", "", NON_ROOT) + service("shop", "web", "LoadBalancer");
        Exposure e = only(open);
        assertThat(e.reasons()).extracting(Reason::factor).containsExactly(Factor.INTERNET_FACING);
        assertThat(e.reasons().get(0).detail()).contains("Service shop/web (type LoadBalancer)")
                .contains("every address outside the cluster");
        assertThat(only(open + defaultDeny("shop")).reasons()).isEmpty();
        // ClusterIP exposes nothing outside the cluster; with no policy, the pod network still admits outside sources.
        assertThat(only(deployment("shop", "web", "", NON_ROOT) + service("shop", "web", "ClusterIP")).reasons())
                .extracting(Reason::factor).containsExactly(Factor.NETWORK_OPEN);
        assertThat(only(deployment("shop", "web", "", NON_ROOT) + service("shop", "web", "NodePort")).reasons())
                .extracting(Reason::factor).containsExactly(Factor.INTERNET_FACING);
    }

    @Test
    void anIngressCountsWhenPoliciesAdmitTheIngressController() {
        String ingress = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: front, namespace: shop}
                spec:
                  rules:
                  - http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                ---
                """;
        String base = deployment("shop", "web", "", NON_ROOT) + service("shop", "web", "ClusterIP") + ingress;
        Exposure e = only(base);
        assertThat(e.reasons()).extracting(Reason::factor).containsExactly(Factor.INTERNET_FACING);
        assertThat(e.reasons().get(0).detail()).contains("Ingress shop/front");
        assertThat(only(base + defaultDeny("shop")).reasons()).isEmpty();
        String admitController = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: from-ingress, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Ingress]
                  ingress:
                  - from: [{namespaceSelector: {}}]
                ---
                """;
        assertThat(only(base + defaultDeny("shop") + admitController).reasons()).extracting(Reason::factor)
                .containsExactly(Factor.INTERNET_FACING);
    }

    @Test
    void privilegeHostNamespacesAndRoot() {
        String ns = defaultDeny("job");
        assertThat(only(ns + deployment("job", "a", "", "securityContext: {privileged: true, runAsUser: 1000}")).reasons())
                .extracting(Reason::factor).containsExactly(Factor.PRIVILEGED);
        assertThat(only(ns + deployment("job", "a", "hostPID: true", NON_ROOT)).reasons())
                .extracting(Reason::factor).containsExactly(Factor.PRIVILEGED);
        assertThat(only(ns + deployment("job", "a", "", "securityContext: {capabilities: {add: [SYS_ADMIN]}, runAsUser: 7}")).reasons())
                .extracting(Reason::factor).containsExactly(Factor.PRIVILEGED);
        assertThat(only(ns + deployment("job", "a", "", "securityContext: {runAsUser: 0}")).reasons())
                .extracting(Reason::factor).containsExactly(Factor.ROOT);
        // Neither runAsUser nor runAsNonRoot: the image's USER decides, root unless it says otherwise.
        assertThat(only(ns + deployment("job", "a", "", "")).reasons()).extracting(Reason::factor).containsExactly(Factor.ROOT);
        // The pod-level user applies to the container; runAsNonRoot alone is enough for the kubelet to refuse root.
        assertThat(only(ns + deployment("job", "a", "securityContext: {runAsUser: 1000}", "")).reasons()).isEmpty();
        assertThat(only(ns + deployment("job", "a", "", "securityContext: {runAsNonRoot: true}")).reasons()).isEmpty();
        // The container's runAsUser wins over the pod's.
        assertThat(only(ns + deployment("job", "a", "securityContext: {runAsUser: 1000}", "securityContext: {runAsUser: 0}"))
                .reasons()).extracting(Reason::factor).containsExactly(Factor.ROOT);
    }

    @Test
    void aServiceAccountWithAnEscalationPathCountsOnlyWhenItsTokenIsMounted() {
        String rbac = """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: deployer, namespace: job}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: admin, namespace: job}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: pods, namespace: job}
                rules:
                - {apiGroups: [""], resources: [pods], verbs: [create]}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: pods, namespace: job}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods}
                subjects: [{kind: ServiceAccount, name: deployer, namespace: job}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: admin-sa}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                subjects: [{kind: ServiceAccount, name: admin, namespace: job}]
                ---
                """;
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: job}
                spec:
                  serviceAccountName: %s
                %s
                  securityContext: {runAsUser: 1000}
                  containers: [{name: app, image: app:1}]
                ---
                """;
        String base = defaultDeny("job") + rbac;
        Exposure escalates = only(base + pod.formatted("deployer", ""));
        assertThat(escalates.reasons()).extracting(Reason::factor).containsExactly(Factor.RBAC_ESCALATION);
        assertThat(escalates.reasons().get(0).detail()).contains("job/deployer can reach cluster-admin");
        Exposure admin = only(base + pod.formatted("admin", ""));
        assertThat(admin.reasons().get(0).detail()).contains("job/admin holds cluster-admin-equivalent power");
        assertThat(only(base + pod.formatted("deployer", "  automountServiceAccountToken: false")).reasons()).isEmpty();
        assertThat(only(base + pod.formatted("default", "")).reasons()).isEmpty();
    }

    @Test
    void aCriticalInAnInternetFacingPrivilegedPodOutranksTheSameInAnIsolatedBatchJob() {
        String yaml = deployment("shop", "web", "", "securityContext: {privileged: true}") + service("shop", "web", "LoadBalancer")
                + defaultDeny("batch") + """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: report, namespace: batch}
                spec:
                  template:
                    spec:
                      automountServiceAccountToken: false
                      restartPolicy: Never
                      securityContext: {runAsNonRoot: true, runAsUser: 1000}
                      containers: [{name: run, image: report:1.0}]
                """;
        Map<String, List<Factor>> f = factors(yaml);
        assertThat(f.get("web/app")).containsExactly(Factor.INTERNET_FACING, Factor.PRIVILEGED, Factor.ROOT);
        assertThat(f.get("report/run")).isEmpty();
        LoadResult loaded = new ManifestLoader().loadText("in.yaml", yaml);
        List<Exposure> all = DeploymentExposure.of(new Inventory(loaded.resources()), loaded.resources()).all();
        Rank web = Rank.of(VulnSeverity.CRITICAL, all.get(0));
        Rank batch = Rank.of(VulnSeverity.CRITICAL, all.get(1));
        assertThat(web.score()).isEqualTo(10 + 8 + 6 + 3);
        assertThat(batch.score()).isEqualTo(10);
        // Even a high in the exposed pod comes before the critical in the isolated job.
        assertThat(Rank.of(VulnSeverity.HIGH, all.get(0)).score()).isGreaterThan(batch.score());
        assertThat(web.summary()).isEqualTo("rank 27 (critical 10, internet-facing +8, privileged +6, root +3)");
        assertThat(web.sarifRank()).isEqualTo(84.4);
    }
}
