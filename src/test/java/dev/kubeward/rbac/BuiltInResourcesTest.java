package dev.kubeward.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Kinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuiltInResourcesTest {
    @ParameterizedTest(name = "{1} in group ''{0}'': cluster-scoped {2}")
    @CsvSource({
        "'', nodes, true", "'', nodes/proxy, true", "'', nodes/status, true", "'', namespaces, true",
        "'', namespaces/finalize, true", "'', persistentvolumes, true", "'', componentstatuses, true",
        "'', users, true", "'', groups, true",
        "rbac.authorization.k8s.io, clusterroles, true", "rbac.authorization.k8s.io, clusterrolebindings, true",
        "storage.k8s.io, storageclasses, true", "storage.k8s.io, csidrivers, true", "storage.k8s.io, csinodes, true",
        "storage.k8s.io, volumeattachments, true", "apiextensions.k8s.io, customresourcedefinitions, true",
        "certificates.k8s.io, certificatesigningrequests, true", "certificates.k8s.io, certificatesigningrequests/approval, true",
        "certificates.k8s.io, signers, true", "certificates.k8s.io, clustertrustbundles, true",
        "admissionregistration.k8s.io, mutatingwebhookconfigurations, true",
        "admissionregistration.k8s.io, validatingwebhookconfigurations, true",
        "admissionregistration.k8s.io, validatingadmissionpolicies, true",
        "scheduling.k8s.io, priorityclasses, true", "apiregistration.k8s.io, apiservices, true",
        "node.k8s.io, runtimeclasses, true", "flowcontrol.apiserver.k8s.io, flowschemas, true",
        "networking.k8s.io, ingressclasses, true", "authentication.k8s.io, tokenreviews, true",
        "authentication.k8s.io, userextras/scopes, true", "authorization.k8s.io, subjectaccessreviews, true",
        "authorization.k8s.io, selfsubjectaccessreviews, true",
        // namespaced
        "'', pods, false", "'', pods/exec, false", "'', secrets, false", "'', serviceaccounts/token, false",
        "'', persistentvolumeclaims, false", "'', events, false",
        "rbac.authorization.k8s.io, roles, false", "rbac.authorization.k8s.io, rolebindings, false",
        "apps, deployments, false", "networking.k8s.io, networkpolicies, false",
        "authorization.k8s.io, localsubjectaccessreviews, false", "storage.k8s.io, csistoragecapacities, false",
        // the name alone does not make a resource cluster-scoped: the group must match too
        "example.com, nodes, false", "*, nodes, false", "'', storageclasses, false", "'', *, false",
    })
    void clusterScoped(String group, String resource, boolean clusterScoped) {
        assertThat(BuiltInResources.isClusterScoped(group, resource)).isEqualTo(clusterScoped);
    }

    @ParameterizedTest(name = "{0} is in group ''{1}''")
    @CsvSource({"deployments, apps", "cronjobs, batch", "clusterroles, rbac.authorization.k8s.io",
        "certificatesigningrequests, certificates.k8s.io", "signers, certificates.k8s.io",
        "customresourcedefinitions, apiextensions.k8s.io", "events, ''", "pods, ''", "nodes, ''",
        "widgets, ''", "leases, coordination.k8s.io", "endpointslices, discovery.k8s.io"})
    void defaultGroups(String resource, String group) {
        assertThat(BuiltInResources.groupOf(resource)).isEqualTo(group);
    }

    /** The resource table and the kind table of the model agree on every kind both know. */
    @Test
    void agreesWithTheClusterScopedKindsOfTheModel() {
        assertThat(BuiltInResources.all()).filteredOn(r -> r.kind() != null).allSatisfy(r ->
                assertThat(Kinds.isClusterScoped(r.group(), r.kind())).as(r.toString()).isEqualTo(r.clusterScoped()));
    }
}
