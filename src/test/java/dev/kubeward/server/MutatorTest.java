package dev.kubeward.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.policy.JsonPatch;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /mutate}: secure defaults where absent, never over a written value, each in a warning,
 * idempotent (the patched object reviewed again gives no patch), and only where the check that
 * reports the absence is enabled and not exempted.
 */
class MutatorTest {
    static final String ON = "admission:\n  mutate: true\n";

    static JsonNode pod(String spec) {
        return Reviews.yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n" + spec.indent(2));
    }

    /** Reviews the object, applies the patch as the API server would, and reviews the result again. */
    record Outcome(List<String> ops, List<String> warnings, JsonNode patched, List<String> again) {}

    static Outcome mutate(String config, JsonNode object) throws Exception {
        AdmissionEndpoints endpoints = new AdmissionEndpoints(Reviews.engine(config));
        JsonNode response = answer(endpoints, Reviews.create(object, "default"));
        List<String> ops = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        response.path("warnings").forEach(w -> warnings.add(w.asText()));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        JsonNode patched = object;
        if (response.has("patch")) {
            assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
            JsonNode patch = Reviews.JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
            List<JsonNode> list = new ArrayList<>();
            patch.forEach(op -> {
                list.add(op);
                ops.add(op.path("op").asText() + " " + op.path("path").asText() + " " + op.path("value"));
            });
            patched = JsonPatch.apply(object, list);
        } else {
            assertThat(response.has("patchType")).isFalse();
        }
        JsonNode second = answer(endpoints, Reviews.create(patched, "default"));
        List<String> again = new ArrayList<>();
        if (second.has("patch")) {
            Reviews.JSON.readTree(Base64.getDecoder().decode(second.path("patch").asText())).forEach(op -> again.add(op.toString()));
        }
        return new Outcome(ops, warnings, patched, again);
    }

    static JsonNode answer(AdmissionEndpoints endpoints, JsonNode review) throws Exception {
        Route.Reply reply = endpoints.mutate(new Route.Call("POST", "/mutate", null, "application/json", Reviews.bytes(review), "127.0.0.1"));
        assertThat(reply.status()).isEqualTo(200);
        return Reviews.JSON.readTree(reply.body()).path("response");
    }

    @Test
    void aBarePodGetsEveryDefaultOnceAndAWarningForEach() throws Exception {
        Outcome o = mutate(ON, pod("containers:\n- {name: web, image: registry.example.com/web:1.0}\n"));
        assertThat(o.ops()).containsExactly(
                "add /spec/containers/0/securityContext {\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]}}",
                "add /spec/securityContext {\"seccompProfile\":{\"type\":\"RuntimeDefault\"}}");
        assertThat(o.warnings()).containsExactly(
                "kubeward: set spec.containers[0].securityContext.allowPrivilegeEscalation to false",
                "kubeward: set spec.containers[0].securityContext.capabilities to {\"drop\":[\"ALL\"]}",
                "kubeward: set spec.securityContext.seccompProfile to {\"type\":\"RuntimeDefault\"}");
        assertThat(o.again()).as("idempotent").isEmpty();
    }

    @Test
    void explicitValuesAreNeverOverriddenAndPartialObjectsGetTheMissingKeys() throws Exception {
        Outcome o = mutate(ON, pod("""
                securityContext: {runAsUser: 1000, seccompProfile: {type: Unconfined}}
                initContainers:
                - name: setup
                  image: registry.example.com/setup:1.0
                  securityContext: {allowPrivilegeEscalation: true, capabilities: {add: [NET_BIND_SERVICE]}}
                containers:
                - name: web
                  image: registry.example.com/web:1.0
                  securityContext: {capabilities: {drop: [NET_RAW]}, runAsNonRoot: false}
                """));
        assertThat(o.ops()).containsExactly("add /spec/containers/0/securityContext/allowPrivilegeEscalation false",
                "add /spec/initContainers/0/securityContext/capabilities/drop [\"ALL\"]",
                "add /spec/initContainers/0/securityContext/runAsNonRoot true");
        assertThat(o.patched().at("/spec/securityContext/seccompProfile/type").asText()).isEqualTo("Unconfined");
        assertThat(o.patched().at("/spec/containers/0/securityContext/capabilities/drop").toString()).isEqualTo("[\"NET_RAW\"]");
        assertThat(o.patched().at("/spec/containers/0/securityContext/runAsNonRoot").asBoolean(true)).isFalse();
        assertThat(o.patched().at("/spec/initContainers/0/securityContext/allowPrivilegeEscalation").asBoolean()).isTrue();
        assertThat(o.again()).isEmpty();
    }

    @Test
    void runAsNonRootOnlyWhereANumericNonRootUserIsInEffect() throws Exception {
        // The image's USER is not known at admission: runAsNonRoot on an image that runs as root would
        // keep the pod from starting, so a pod with no user, or user 0, is not given one.
        String c = "containers:\n- name: a\n  image: r.example.com/a:1\n  securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}"
                + "%s}\nsecurityContext: {seccompProfile: {type: RuntimeDefault}%s}\n";
        assertThat(mutate(ON, pod(c.formatted("", ""))).ops()).isEmpty();
        assertThat(mutate(ON, pod(c.formatted(", runAsUser: 0", ""))).ops()).isEmpty();
        assertThat(mutate(ON, pod(c.formatted("", ", runAsUser: 0"))).ops()).isEmpty();
        assertThat(mutate(ON, pod(c.formatted("", ", runAsUser: 1000"))).ops())
                .containsExactly("add /spec/containers/0/securityContext/runAsNonRoot true");
        assertThat(mutate(ON, pod(c.formatted(", runAsUser: 1000", ", runAsNonRoot: true"))).ops()).isEmpty();
    }

    @Test
    void whatTheApiServerWouldRefuseIsNotAdded() throws Exception {
        // validation.go: allowPrivilegeEscalation false is refused with privileged true or CAP_SYS_ADMIN added.
        Outcome o = mutate(ON, pod("""
                securityContext: {seccompProfile: {type: RuntimeDefault}}
                containers:
                - {name: a, image: r.example.com/a:1, securityContext: {privileged: true, capabilities: {drop: [ALL]}}}
                - {name: b, image: r.example.com/b:1, securityContext: {capabilities: {add: [CAP_SYS_ADMIN], drop: [ALL]}}}
                - {name: c, image: r.example.com/c:1, securityContext: {capabilities: {add: [sys_admin], drop: [ALL]}}}
                """));
        assertThat(o.ops()).isEmpty();
        // Windows pods: the API server refuses these Linux fields.
        assertThat(mutate(ON, pod("os: {name: windows}\ncontainers:\n- {name: a, image: r.example.com/a:1}\n")).ops()).isEmpty();
    }

    @Test
    void legacySeccompAnnotationsAndContainerProfilesAreRespected() throws Exception {
        JsonNode annotated = Reviews.yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}}
                spec:
                  containers:
                  - {name: a, image: r.example.com/a:1, securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}}
                """);
        assertThat(mutate(ON, annotated).ops()).isEmpty();
        // one container with its own profile, one without: the pod-level default covers the second only
        Outcome o = mutate(ON, pod("""
                containers:
                - {name: a, image: r.example.com/a:1, securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, seccompProfile: {type: Localhost, localhostProfile: a.json}}}
                - {name: b, image: r.example.com/b:1, securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}}
                """));
        assertThat(o.ops()).containsExactly("add /spec/securityContext {\"seccompProfile\":{\"type\":\"RuntimeDefault\"}}");
        assertThat(o.patched().at("/spec/containers/0/securityContext/seccompProfile/type").asText()).isEqualTo("Localhost");
    }

    @Test
    void workloadTemplatesArePatchedAtTheirPodTemplate() throws Exception {
        JsonNode deployment = Reviews.yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      securityContext: {}
                      containers:
                      - {name: web, image: r.example.com/web:1, securityContext: {}}
                """);
        Outcome o = mutate(ON, deployment);
        assertThat(o.ops()).containsExactly("add /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation false",
                "add /spec/template/spec/containers/0/securityContext/capabilities {\"drop\":[\"ALL\"]}",
                "add /spec/template/spec/securityContext/seccompProfile {\"type\":\"RuntimeDefault\"}");
        assertThat(o.again()).isEmpty();
    }

    @Test
    void offByDefaultExemptAndIgnoredChecksAreNotPatched() throws Exception {
        JsonNode bare = pod("containers:\n- {name: web, image: registry.example.com/web:1.0}\n");
        assertThat(mutate(null, bare).ops()).as("admission.mutate is opt-in").isEmpty();
        assertThat(mutate(ON + "  exempt: {namespaces: [default]}\n", bare).ops()).isEmpty();
        assertThat(mutate(ON + "checks: {disable: [capabilities-not-dropped, seccomp-unconfined]}\n", bare).ops())
                .containsExactly("add /spec/containers/0/securityContext {\"allowPrivilegeEscalation\":false}");
        ObjectNode ignored = (ObjectNode) bare.deepCopy();
        ((ObjectNode) ignored.path("metadata")).putObject("annotations")
                .put("kubeward.dev/ignore", "privilege-escalation-allowed,run-as-root")
                .put("kubeward.dev/ignore-reason", "the image needs setuid");
        ((ObjectNode) ignored.at("/spec/containers/0")).putObject("securityContext").put("runAsUser", 1000);
        assertThat(mutate(ON, ignored).ops()).containsExactly("add /spec/containers/0/securityContext/capabilities {\"drop\":[\"ALL\"]}",
                "add /spec/securityContext {\"seccompProfile\":{\"type\":\"RuntimeDefault\"}}");
    }

    @Test
    void podUpdatesDeletesAndSubresourcesAreNotPatched() throws Exception {
        AdmissionEndpoints endpoints = new AdmissionEndpoints(Reviews.engine(ON));
        JsonNode bare = pod("containers:\n- {name: web, image: registry.example.com/web:1.0}\n");
        assertThat(answer(endpoints, Reviews.review("UPDATE", bare, bare, "default", "alice")).has("patch")).isFalse();
        assertThat(answer(endpoints, Reviews.review("DELETE", null, bare, "default", "alice")).has("patch")).isFalse();
        ObjectNode status = Reviews.create(bare, "default");
        ((ObjectNode) status.path("request")).put("subResource", "status");
        assertThat(answer(endpoints, status).has("patch")).isFalse();
    }

    @Test
    void withMutationOffEveryRequestIsAllowedUnpatchedWithOneWarningSayingSo() throws Exception {
        AdmissionEndpoints endpoints = new AdmissionEndpoints(Reviews.engine(null));
        JsonNode bare = pod("containers:\n- {name: web, image: registry.example.com/web:1.0}\n");
        JsonNode response = answer(endpoints, Reviews.create(bare, "default"));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
        assertThat(response.path("warnings")).hasSize(1);
        assertThat(response.path("warnings").get(0).asText()).isEqualTo(AdmissionEndpoints.MUTATION_OFF);
        // An exempt request is exempt first: no warning for kube-system's own objects.
        JsonNode exempt = answer(new AdmissionEndpoints(Reviews.engine("admission:\n  exempt: {namespaces: [kube-system]}\n")),
                Reviews.create(bare, "kube-system"));
        assertThat(exempt.has("warnings")).isFalse();
        assertThat(exempt.path("auditAnnotations").path("exempt").asText()).contains("kube-system");
    }

    @Test
    void pointersEscapeTildeAndSlash() {
        assertThat(Mutator.pointer(dev.kubeward.model.JsonPath.of("metadata", "annotations", "a/b~c"))).isEqualTo("/metadata/annotations/a~1b~0c");
    }
}
