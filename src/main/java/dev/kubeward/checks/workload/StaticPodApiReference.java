package dev.kubeward.checks.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.PodCheck;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Container;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.PodTemplate;
import java.util.List;

@CheckInfo(
        id = "static-pod-api-reference",
        title = "Static pod refers to API objects",
        severity = Severity.MEDIUM,
        category = "Pod security",
        description = "A static pod (run by the kubelet from a file: see docs/workloads.md for how kubeward tells) names "
                + "a service account, a Secret, a ConfigMap, a PersistentVolumeClaim, a ClusterTrustBundle or a "
                + "projected service-account token. The API server rejects the mirror pod of such a pod (NodeRestriction: "
                + "\"node can not create pods that reference …\"; ServiceAccount admission: \"a mirror pod may not "
                + "reference …\"), and the node is not authorised to read objects for a pod the API does not know, so "
                + "the reference is never resolved. One finding per reference.",
        rationale = "The pod either fails to start (its volumes cannot be mounted) or runs without a mirror pod, "
                + "invisible to kubectl, RBAC audits and every admission control; a static pod that expected a token or "
                + "a Secret was written for a different trust model than the one it gets.",
        remediation = "Give the static pod its files through hostPath volumes readable only by root on the node, or "
                + "run the workload as a DaemonSet or Deployment, which may use service accounts and Secrets.",
        nsaCisa = "Pod security: protecting pod service account tokens",
        mitre = "T1610")
public final class StaticPodApiReference extends PodCheck {

    /** Volume sources with a secretRef (kubernetes pkg/api/pod VisitPodSecretNames). */
    private static final List<String> SECRET_REF_VOLUMES = List.of("cephfs", "cinder", "flexVolume", "rbd", "iscsi",
            "scaleIO", "storageos");

    @Override
    protected void checkPod(PodTemplate pod, CheckContext context, FindingSink sink) {
        if (!pod.isStatic()) {
            return;
        }
        String why = " (" + pod.staticSource() + "): the API server rejects its mirror pod and the node cannot read the ";
        for (String field : List.of("serviceAccountName", "serviceAccount")) {
            String sa = Json.text(pod.spec().get(field));
            if (sa != null && !sa.isEmpty()) {
                sink.report(pod.specPath().key(field), "static pod names service account " + sa + why + "account's token");
                break;
            }
        }
        JsonNode pullSecrets = Json.array(pod.spec(), "imagePullSecrets");
        if (pullSecrets != null && !pullSecrets.isEmpty()) {
            sink.report(pod.specPath().key("imagePullSecrets"), "static pod names image pull Secrets" + why + "Secret");
        }
        JsonNode volumes = Json.array(pod.spec(), "volumes");
        if (volumes != null) {
            for (int i = 0; i < volumes.size(); i++) {
                volume(volumes.get(i), pod.specPath().key("volumes").index(i), why, sink);
            }
        }
        for (Container c : pod.containers()) {
            env(c, why, sink);
        }
    }

    private static void volume(JsonNode v, JsonPath at, String why, FindingSink sink) {
        String name = "volume \"" + Json.goString(v, "name") + "\"";
        if (Json.field(v, "secret") != null) {
            sink.report(at.key("secret"), "static pod mounts a Secret as " + name + why + "Secret");
        }
        if (Json.field(v, "configMap") != null) {
            sink.report(at.key("configMap"), "static pod mounts a ConfigMap as " + name + why + "ConfigMap");
        }
        if (Json.field(v, "persistentVolumeClaim") != null) {
            sink.report(at.key("persistentVolumeClaim"), "static pod mounts a PersistentVolumeClaim as " + name + why
                    + "claim");
        }
        for (String source : SECRET_REF_VOLUMES) {
            if (Json.field(Json.field(v, source), "secretRef") != null) {
                sink.report(at.key(source).key("secretRef"), "static pod's " + name + " takes a Secret" + why + "Secret");
            }
        }
        if (Json.field(Json.field(v, "azureFile"), "secretName") != null) {
            sink.report(at.key("azureFile").key("secretName"), "static pod's " + name + " takes a Secret" + why + "Secret");
        }
        if (Json.field(Json.field(v, "csi"), "nodePublishSecretRef") != null) {
            sink.report(at.key("csi").key("nodePublishSecretRef"), "static pod's " + name + " takes a Secret" + why
                    + "Secret");
        }
        JsonNode sources = Json.array(Json.field(v, "projected"), "sources");
        if (sources == null) {
            return;
        }
        for (int i = 0; i < sources.size(); i++) {
            JsonPath s = at.key("projected").key("sources").index(i);
            JsonNode src = sources.get(i);
            if (Json.field(src, "secret") != null) {
                sink.report(s.key("secret"), "static pod projects a Secret into " + name + why + "Secret");
            }
            if (Json.field(src, "configMap") != null) {
                sink.report(s.key("configMap"), "static pod projects a ConfigMap into " + name + why + "ConfigMap");
            }
            if (Json.field(src, "serviceAccountToken") != null) {
                sink.report(s.key("serviceAccountToken"), "static pod projects a service-account token into " + name
                        + why + "token");
            }
            if (Json.field(src, "clusterTrustBundle") != null) {
                sink.report(s.key("clusterTrustBundle"), "static pod projects a ClusterTrustBundle into " + name + why
                        + "bundle");
            }
        }
    }

    private static void env(Container c, String why, FindingSink sink) {
        JsonNode env = Json.array(c.node(), "env");
        if (env != null) {
            for (int i = 0; i < env.size(); i++) {
                JsonNode from = Json.field(env.get(i), "valueFrom");
                String var = "variable " + Json.goString(env.get(i), "name");
                JsonPath at = c.path().key("env").index(i).key("valueFrom");
                if (Json.field(from, "secretKeyRef") != null) {
                    sink.report(at.key("secretKeyRef"), c.describe() + " of a static pod reads " + var + " from a Secret"
                            + why + "Secret");
                }
                if (Json.field(from, "configMapKeyRef") != null) {
                    sink.report(at.key("configMapKeyRef"), c.describe() + " of a static pod reads " + var
                            + " from a ConfigMap" + why + "ConfigMap");
                }
            }
        }
        JsonNode envFrom = Json.array(c.node(), "envFrom");
        if (envFrom != null) {
            for (int i = 0; i < envFrom.size(); i++) {
                JsonPath at = c.path().key("envFrom").index(i);
                if (Json.field(envFrom.get(i), "secretRef") != null) {
                    sink.report(at.key("secretRef"), c.describe() + " of a static pod takes its environment from a Secret"
                            + why + "Secret");
                }
                if (Json.field(envFrom.get(i), "configMapRef") != null) {
                    sink.report(at.key("configMapRef"), c.describe() + " of a static pod takes its environment from a "
                            + "ConfigMap" + why + "ConfigMap");
                }
            }
        }
    }
}
