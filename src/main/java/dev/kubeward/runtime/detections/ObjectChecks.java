package dev.kubeward.runtime.detections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditStage;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Container;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Origin;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import dev.kubeward.runtime.AlertSink;
import dev.kubeward.runtime.Allow;
import dev.kubeward.runtime.AuditEvent;
import dev.kubeward.runtime.Detection;
import dev.kubeward.runtime.DetectionContext;
import dev.kubeward.runtime.DetectionInfo;
import dev.kubeward.runtime.Events;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The object rules: the checks of {@code scan} run on the object of a create, update or patch,
 * as the API server stored it. A create or update shows its object in requestObject (Request
 * level); a patch shows only the patch there, so its object is the responseObject
 * (RequestResponse level). The checks are the same code with the same configuration
 * (severities, trusted registries, exemptions and {@code kubeward.dev/ignore} annotations).
 */
@DetectionInfo(id = "object-check", title = "Object created or changed that a check finds insecure",
        severity = Severity.HIGH,
        description = "Every object of a create, update or patch that succeeded goes through the checks named by "
                + "runtime.objectChecks (by default the checks of Falco's object rules and other high-signal ones: "
                + "privileged, hostPath, host namespaces, dangerous capabilities, NodePort and externalIPs Services, "
                + "credentials in ConfigMaps and env, wildcard, exec, impersonate and cluster-admin RBAC, untrusted "
                + "registries, plain-HTTP Ingress, fail-open webhooks). The alert carries the check's finding with its "
                + "JSON path and severity. A create or update needs Request level; a patch RequestResponse, since "
                + "its request body is only the patch. Subresources (status, scale) are not checked.",
        response = "Fix or remove the object, then find out how it got past admission: enforce Pod Security "
                + "Standards and admission policies for what the check found.",
        mitre = {"T1610", "T1611", "T1098.006"},
        falco = {"Create Privileged Pod", "Create Sensitive Mount Pod", "Create HostNetwork Pod", "Create HostPid Pod",
            "Create HostIPC Pod", "Create NodePort Service", "Create/Modify Configmap With Private Credentials",
            "Attach to cluster-admin Role", "ClusterRole With Wildcard Created", "ClusterRole With Pod Exec Created",
            "Ingress Object without TLS Certificate Created", "Create Disallowed Pod"},
        level = AuditLevel.REQUEST, stages = {AuditStage.RESPONSE_COMPLETE}, falcoMisfiresBelow = AuditLevel.REQUEST)
public final class ObjectChecks implements Detection {
    /** Which check finds what each Falco object rule looks for. */
    public static final Map<String, List<String>> FALCO_CHECKS = falcoChecks();

    /** The checks object rules run unless runtime.objectChecks says otherwise. */
    public static final List<String> DEFAULT_CHECKS = List.of("privileged-container", "hostpath-volume", "host-network",
            "host-pid", "host-ipc", "host-port", "dangerous-capability", "windows-host-process", "proc-mount-unmasked",
            "unsafe-sysctl", "apparmor-unconfined", "selinux-custom-options", "service-nodeport", "service-external-ips",
            "secret-in-configmap", "secret-literal-env", "rbac-cluster-admin-binding", "rbac-wildcard-resource",
            "rbac-wildcard-verb", "rbac-pod-exec", "rbac-escalate-bind-impersonate", "rbac-nodes-proxy", "rbac-token-create",
            "rbac-anonymous-binding", "rbac-authenticated-binding", "rbac-system-masters", "rbac-webhook-config-write",
            "rbac-csr-approve", "image-registry-untrusted", "image-banned", "ingress-tls-missing",
            "webhook-failure-policy-ignore");

    /** Why a create, update or patch that succeeded was not checked (AlertSink.notEvaluated). */
    public static final String NO_OBJECT = "no object in the event: a create or update shows it at the Request level and above";
    public static final String NO_PATCHED_OBJECT = "no responseObject: a patch shows its object only at the RequestResponse level";
    public static final String NO_KIND = "its object is not a mapping with kind and apiVersion";
    public static final String NO_OBJECT_REF = "no objectRef: the event does not say what was changed";

    private static final Map<String, String> PAST = Map.of("create", "created", "update", "updated", "patch", "patched");

    /** The RBAC checks build the RBAC model (with the API server's bootstrap roles) in prepare: run them on RBAC objects only. */
    private static final Set<String> RBAC_KINDS = Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

    private Scanner rbacScanner;
    private Scanner scanner;
    private Allow allow;

    private static Map<String, List<String>> falcoChecks() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("Create Privileged Pod", List.of("privileged-container"));
        m.put("Create Sensitive Mount Pod", List.of("hostpath-volume"));
        m.put("Create HostNetwork Pod", List.of("host-network"));
        m.put("Create HostPid Pod", List.of("host-pid"));
        m.put("Create HostIPC Pod", List.of("host-ipc"));
        m.put("Create NodePort Service", List.of("service-nodeport"));
        m.put("Create/Modify Configmap With Private Credentials", List.of("secret-in-configmap"));
        m.put("Attach to cluster-admin Role", List.of("rbac-cluster-admin-binding"));
        m.put("ClusterRole With Wildcard Created", List.of("rbac-wildcard-resource", "rbac-wildcard-verb"));
        m.put("ClusterRole With Pod Exec Created", List.of("rbac-pod-exec"));
        m.put("Ingress Object without TLS Certificate Created", List.of("ingress-tls-missing"));
        m.put("Create Disallowed Pod", List.of("image-registry-untrusted", "image-banned"));
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (!e.succeeded() || !PAST.containsKey(e.verb())) {
            return;
        }
        if (e.objectRef() == null) {
            // A non-resource request (PATCH of a URL outside /api and /apis: its verb is the HTTP method) changes no object.
            if (!e.verb().equals("patch") || e.requestURI().startsWith("/api/") || e.requestURI().startsWith("/apis/")) {
                sink.notEvaluated(NO_OBJECT_REF);
            }
            return;
        }
        if (!e.objectRef().subresource().isEmpty()) {
            return;
        }
        JsonNode object = e.verb().equals("patch") ? e.responseObject()
                : e.requestObject() != null ? e.requestObject() : e.responseObject();
        if (object == null) {
            sink.notEvaluated(e.verb().equals("patch") ? NO_PATCHED_OBJECT : NO_OBJECT);
            return;
        }
        if (!object.isObject() || !object.path("kind").isTextual() || !object.path("apiVersion").isTextual()) {
            sink.notEvaluated(NO_KIND);
            return;
        }
        if (scanner == null) {
            Set<String> ids = Set.copyOf(context.runtime().objectChecks() == null ? DEFAULT_CHECKS : context.runtime().objectChecks());
            // Sequential: one object per event, where forking the checks over the cores costs more than they do.
            scanner = new Scanner(context.registry().only(m -> ids.contains(m.id()) && !m.category().equals("RBAC")), context.checks())
                    .sequential();
            rbacScanner = new Scanner(context.registry().only(m -> ids.contains(m.id()) && m.category().equals("RBAC")), context.checks())
                    .sequential();
            allow = context.runtime().allowFor("object-check", defaults());
        }
        String ns = object.path("metadata").path("namespace").asText("");
        if (ns.isEmpty()) {
            ns = e.objectRef().namespace();
        }
        String name = Events.name(e);
        Resource resource = new Resource(object.path("apiVersion").textValue(), object.path("kind").textValue(),
                ns.isEmpty() ? null : ns, name.isEmpty() ? null : name, object, new Origin(e.file(), 0, null), List.of());
        Inventory inventory = new Inventory(List.of(resource), context.checks().workloadKinds());
        if (allow.allowsImages(images(inventory, resource))) {
            return;
        }
        String what = resource.kind() + " " + (ns.isEmpty() ? "" : ns + "/") + (name.isEmpty() ? "(unnamed)" : name);
        boolean rbac = resource.group().equals("rbac.authorization.k8s.io") && RBAC_KINDS.contains(resource.kind());
        for (Finding f : (rbac ? rbacScanner : scanner).scan(inventory)) {
            if (!f.suppressed()) {
                sink.alert(f, Events.actor(e) + " " + PAST.get(e.verb()) + " " + what + ": " + f.message());
            }
        }
    }

    private static List<String> images(Inventory inventory, Resource r) {
        List<String> out = new ArrayList<>();
        for (PodTemplate t : inventory.podTemplates(r)) {
            for (Container c : t.containers()) {
                if (c.image() != null) {
                    out.add(c.image());
                }
            }
        }
        return out;
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("create", "", "pods", "shop", null, AuditLevel.REQUEST),
                Watch.person("create", "apps", "deployments", "shop", null, AuditLevel.REQUEST),
                Watch.person("patch", "apps", "deployments", "shop", "web", AuditLevel.REQUEST_RESPONSE),
                Watch.person("create", "rbac.authorization.k8s.io", "clusterrolebindings", "", null, AuditLevel.REQUEST),
                Watch.person("update", "", "configmaps", "shop", "web-config", AuditLevel.REQUEST));
    }
}
