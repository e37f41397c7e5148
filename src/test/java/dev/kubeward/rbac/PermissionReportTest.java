package dev.kubeward.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionReportTest {

    private static final RbacModel MODEL = Fixtures.model("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules:
            - {apiGroups: [""], resources: [pods], verbs: [get, list]}
            - {apiGroups: [""], resources: [pods], verbs: [watch]}
            - {nonResourceURLs: [/metrics], verbs: [get]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: cm-editor, namespace: team}
            rules:
            - {apiGroups: [""], resources: [configmaps], resourceNames: [settings], verbs: [update, patch, escalate]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: readers}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
            subjects: [{kind: Group, name: system:authenticated}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: cm, namespace: team}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cm-editor}
            subjects: [{kind: User, name: erin}]
            """);

    @Test
    void permissionsAreGroupedByScopeAndMerged() {
        PermissionReport report = MODEL.permissions(Subject.user("erin"));
        assertThat(report.scopes()).extracting(PermissionReport.Scope::namespace).containsExactly(null, "team");
        PermissionReport.Scope cluster = report.scopes().get(0);
        assertThat(cluster.resources()).singleElement().satisfies(row -> {
            assertThat(row.resource()).isEqualTo("pods");
            assertThat(row.verbs()).containsExactlyInAnyOrder("get", "list", "watch");
        });
        assertThat(cluster.nonResourceURLs()).extracting(PermissionReport.UrlPermission::url).containsExactly("/metrics");
        PermissionReport.ResourcePermission configmaps = report.scopes().get(1).resources().get(0);
        assertThat(configmaps.resourceNames()).isEqualTo(List.of("settings"));
        assertThat(configmaps.allows("patch")).isTrue();
        assertThat(configmaps.allows("get")).isFalse();
    }

    @Test
    void anonymousGetsNothingFromAuthenticatedBindings() {
        assertThat(MODEL.permissions(Subject.user(Identity.ANONYMOUS)).scopes()).isEmpty();
    }

    @Test
    void textTableMarksVerbsAndListsOthers() {
        String text = MODEL.permissions(Subject.user("erin")).toText();
        assertThat(text).contains("namespace team:")
                .containsPattern("configmaps \\[settings\\] +✖ +✖ +✖ +✖ +✔ +✔ +✖ +✖ +escalate")
                .containsPattern("pods +✔ +✔ +✔ +✖");
    }
}
