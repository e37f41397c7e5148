package dev.kubeward.checks.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Deprecated API Migration Guide (kubernetes.io/docs/reference/using-api/deprecation-guide,
 * "Removed APIs by release"), entry by entry: removal release and replacement, and the replacement
 * to move to on a given release when the first one is itself deprecated there.
 */
class ApiRemovalsTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(nullValues = "null", value = {
        "flowcontrol.apiserver.k8s.io/v1beta3, FlowSchema, 32, flowcontrol.apiserver.k8s.io/v1, 29",
        "flowcontrol.apiserver.k8s.io/v1beta3, PriorityLevelConfiguration, 32, flowcontrol.apiserver.k8s.io/v1, 29",
        "flowcontrol.apiserver.k8s.io/v1beta2, FlowSchema, 29, flowcontrol.apiserver.k8s.io/v1beta3, 26",
        "storage.k8s.io/v1beta1, CSIStorageCapacity, 27, storage.k8s.io/v1, 24",
        "flowcontrol.apiserver.k8s.io/v1beta1, PriorityLevelConfiguration, 26, flowcontrol.apiserver.k8s.io/v1beta2, 23",
        "autoscaling/v2beta2, HorizontalPodAutoscaler, 26, autoscaling/v2, 23",
        "batch/v1beta1, CronJob, 25, batch/v1, 21",
        "discovery.k8s.io/v1beta1, EndpointSlice, 25, discovery.k8s.io/v1, 21",
        "events.k8s.io/v1beta1, Event, 25, events.k8s.io/v1, 19",
        "autoscaling/v2beta1, HorizontalPodAutoscaler, 25, autoscaling/v2, 23",
        "policy/v1beta1, PodDisruptionBudget, 25, policy/v1, 21",
        "policy/v1beta1, PodSecurityPolicy, 25, null, 21",
        "node.k8s.io/v1beta1, RuntimeClass, 25, node.k8s.io/v1, 20",
        "admissionregistration.k8s.io/v1beta1, ValidatingWebhookConfiguration, 22, admissionregistration.k8s.io/v1, 16",
        "apiextensions.k8s.io/v1beta1, CustomResourceDefinition, 22, apiextensions.k8s.io/v1, 16",
        "apiregistration.k8s.io/v1beta1, APIService, 22, apiregistration.k8s.io/v1, 10",
        "authentication.k8s.io/v1beta1, TokenReview, 22, authentication.k8s.io/v1, 6",
        "authorization.k8s.io/v1beta1, SubjectAccessReview, 22, authorization.k8s.io/v1, 6",
        "certificates.k8s.io/v1beta1, CertificateSigningRequest, 22, certificates.k8s.io/v1, 19",
        "coordination.k8s.io/v1beta1, Lease, 22, coordination.k8s.io/v1, 14",
        "extensions/v1beta1, Ingress, 22, networking.k8s.io/v1, 19",
        "networking.k8s.io/v1beta1, Ingress, 22, networking.k8s.io/v1, 19",
        "networking.k8s.io/v1beta1, IngressClass, 22, networking.k8s.io/v1, 19",
        "rbac.authorization.k8s.io/v1beta1, ClusterRoleBinding, 22, rbac.authorization.k8s.io/v1, 8",
        "scheduling.k8s.io/v1beta1, PriorityClass, 22, scheduling.k8s.io/v1, 14",
        "storage.k8s.io/v1beta1, CSIDriver, 22, storage.k8s.io/v1, 19",
        "storage.k8s.io/v1beta1, CSINode, 22, storage.k8s.io/v1, 17",
        "storage.k8s.io/v1beta1, StorageClass, 22, storage.k8s.io/v1, 6",
        "storage.k8s.io/v1beta1, VolumeAttachment, 22, storage.k8s.io/v1, 13",
        "extensions/v1beta1, NetworkPolicy, 16, networking.k8s.io/v1, 8",
        "extensions/v1beta1, PodSecurityPolicy, 16, policy/v1beta1, 10",
        "apps/v1beta2, DaemonSet, 16, apps/v1, 9",
        "extensions/v1beta1, Deployment, 16, apps/v1, 9",
        "apps/v1beta1, StatefulSet, 16, apps/v1, 9",
        "apps/v1beta2, ReplicaSet, 16, apps/v1, 9",
    })
    void guideEntries(String apiVersion, String kind, int removedIn, String replacement, int since) {
        ApiRemovals.Removal r = ApiRemovals.find(apiVersion, kind).orElseThrow();
        assertThat(r.removedIn()).isEqualTo(removedIn);
        assertThat(r.replacement()).isEqualTo(replacement);
        assertThat(r.availableSince()).isEqualTo(since);
    }

    @ParameterizedTest(name = "{0} {1} on 1.{2}")
    @CsvSource(nullValues = "null", value = {
        "flowcontrol.apiserver.k8s.io/v1beta1, FlowSchema, 24, flowcontrol.apiserver.k8s.io/v1beta2",
        "flowcontrol.apiserver.k8s.io/v1beta1, FlowSchema, 27, flowcontrol.apiserver.k8s.io/v1beta3",
        "flowcontrol.apiserver.k8s.io/v1beta1, FlowSchema, 33, flowcontrol.apiserver.k8s.io/v1",
        "extensions/v1beta1, PodSecurityPolicy, 15, policy/v1beta1",
        "extensions/v1beta1, PodSecurityPolicy, 25, null",
        "extensions/v1beta1, Deployment, 33, apps/v1",
    })
    void replacementsSettleOnWhatTheReleaseServesUndeprecated(String apiVersion, String kind, int target, String expected) {
        ApiRemovals.Removal r = ApiRemovals.settled(ApiRemovals.find(apiVersion, kind).orElseThrow(), target);
        assertThat(r.replacement()).isEqualTo(expected);
    }

    @Test
    void currentVersionsAndCustomResourcesAreNotInTheTable() {
        assertThat(ApiRemovals.find("apps/v1", "Deployment")).isEmpty();
        assertThat(ApiRemovals.find("policy/v1", "PodDisruptionBudget")).isEmpty();
        assertThat(ApiRemovals.find("example.com/v1beta1", "Deployment")).isEmpty();
        assertThat(ApiRemovals.all()).hasSize(50);
    }
}
