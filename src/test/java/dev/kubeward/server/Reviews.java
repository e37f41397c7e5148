package dev.kubeward.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.PolicySet;
import dev.kubeward.policy.cel.CelVersion;
import dev.kubeward.policy.offline.InventoryContext;
import dev.kubeward.policy.offline.PolicyInput;
import dev.kubeward.policy.offline.RbacAuthorizer;
import dev.kubeward.policy.offline.ResourceMapping;
import dev.kubeward.checks.rbac.RbacScan;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** AdmissionReviews as the API server builds them, from YAML objects, and engines over policy files. */
final class Reviews {
    static final ObjectMapper JSON = new ObjectMapper();

    private Reviews() {}

    static JsonNode yaml(String text) {
        Object o = new Yaml().load(text);
        return JSON.valueToTree(o);
    }

    /** Kind and resource of the common kinds. */
    static final Map<String, String[]> RESOURCES = Map.of(
            "Pod", new String[] {"", "v1", "pods"},
            "Deployment", new String[] {"apps", "v1", "deployments"},
            "ConfigMap", new String[] {"", "v1", "configmaps"},
            "Service", new String[] {"", "v1", "services"},
            "Widget", new String[] {"example.com", "v1", "widgets"},
            "ClusterRoleBinding", new String[] {"rbac.authorization.k8s.io", "v1", "clusterrolebindings"});

    static ObjectNode review(String operation, JsonNode object, JsonNode oldObject, String namespace, String user, String... groups) {
        JsonNode about = object != null ? object : oldObject;
        String kind = about.path("kind").asText();
        String[] gvr = RESOURCES.get(kind);
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", "admission.k8s.io/v1");
        root.put("kind", "AdmissionReview");
        ObjectNode req = root.putObject("request");
        req.put("uid", "705ab4f5-6393-11e8-b7cc-42010a800002");
        ObjectNode k = req.putObject("kind");
        k.put("group", gvr[0]);
        k.put("version", gvr[1]);
        k.put("kind", kind);
        ObjectNode r = req.putObject("resource");
        r.put("group", gvr[0]);
        r.put("version", gvr[1]);
        r.put("resource", gvr[2]);
        req.set("requestKind", k.deepCopy());
        req.set("requestResource", r.deepCopy());
        req.put("name", about.path("metadata").path("name").asText(""));
        if (namespace != null) {
            req.put("namespace", namespace);
        }
        req.put("operation", operation);
        ObjectNode ui = req.putObject("userInfo");
        ui.put("username", user);
        ArrayNode g = ui.putArray("groups");
        for (String group : groups) {
            g.add(group);
        }
        g.add("system:authenticated");
        if (object != null) {
            req.set("object", object);
        }
        if (oldObject != null) {
            req.set("oldObject", oldObject);
        }
        req.put("dryRun", false);
        return root;
    }

    static ObjectNode create(JsonNode object, String namespace) {
        return review("CREATE", object, null, namespace, "alice");
    }

    static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An engine with the given configuration YAML (null: none) and the policies of these files. */
    static AdmissionEngine engine(String configYaml, Path... policyFiles) throws Exception {
        return engine(configYaml, null, policyFiles);
    }

    /** The same, with a cluster cache's objects ({@code cluster} null: no cache). */
    static AdmissionEngine engine(String configYaml, java.util.function.Supplier<Inventory> cluster, Path... policyFiles)
            throws Exception {
        Config cfg = Config.DEFAULT;
        CheckRegistry registry = CheckRegistry.builtIn();
        if (configYaml != null) {
            cfg = Config.parse(yaml(configYaml), "kubeward.yaml", p -> 1, registry.ids());
        }
        List<String> paths = java.util.Arrays.stream(policyFiles).map(Path::toString).toList();
        LoadResult loaded = paths.isEmpty() ? LoadResult.EMPTY : new ManifestLoader().load(paths);
        if (!loaded.errors().isEmpty()) {
            throw new IllegalArgumentException(loaded.errors().toString());
        }
        List<Resource> rs = loaded.resources();
        PolicyInput input = new PolicyInput(rs, CelVersion.NEWEST);
        if (!input.errors().isEmpty()) {
            throw new IllegalArgumentException(input.errors().toString());
        }
        PolicySet set = input.validatingSet();
        InventoryContext ctx = new InventoryContext(rs, new ResourceMapping(rs), new RbacAuthorizer(RbacScan.of(new Inventory(rs)).model()));
        return new AdmissionEngine(registry, cfg, set, ctx, cluster);
    }

    static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static JsonNode answer(AdmissionEndpoints endpoints, JsonNode review) throws Exception {
        Route.Reply reply = endpoints.validate(new Route.Call("POST", "/validate", null, "application/json", bytes(review), "127.0.0.1"));
        if (reply.status() != 200) {
            throw new AssertionError("status " + reply.status() + ": " + new String(reply.body()));
        }
        return JSON.readTree(reply.body());
    }
}
