package dev.kubeward.checks.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.model.Inventory;
import dev.kubeward.source.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One bad object never empties the result: it is reported on its line and the rest is analysed. */
class HostileInputScanTest {

    @Test
    void aRefusedObjectIsReportedAndTheRestStillAnalysed() {
        var loaded = new ManifestLoader().loadText("rbac.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: broken}
                rules:
                  - apiGroups: [""]
                    resources: {pods: true}
                    verbs: ["*"]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: to-broken}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: broken}
                subjects: [{kind: User, name: kim}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: nonsense}
                roleRef: 17
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: impersonator}
                rules:
                  - apiGroups: [""]
                    resources: ["groups"]
                    verbs: ["impersonate"]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: impersonator}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: impersonator}
                subjects: [{kind: User, name: lee}]
                """);
        assertThat(loaded.errors()).isEmpty();
        List<Finding> findings = new Scanner(CheckRegistry.builtIn(), Config.DEFAULT).scan(new Inventory(loaded.resources()));
        assertThat(findings).filteredOn(f -> f.checkId().equals("rbac-invalid-object"))
                .extracting(Finding::line, Finding::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(6, "ClusterRole broken: rules[0].resources: must be a list of strings, not a map;"
                                + " the API server rejects the object, so it grants nothing"),
                        org.assertj.core.groups.Tuple.tuple(18, "ClusterRoleBinding nonsense: roleRef: must be a map, not a number;"
                                + " the API server rejects the object, so it grants nothing"));
        // The binding to the refused role dangles; the other objects are checked as usual.
        assertThat(findings).extracting(Finding::checkId)
                .contains("rbac-dangling-binding", "rbac-escalate-bind-impersonate", "rbac-escalation-path")
                .doesNotContain("rbac-wildcard-verb");
    }
}
