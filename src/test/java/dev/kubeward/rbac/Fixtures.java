package dev.kubeward.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Test helpers: YAML text or classpath files to parsed RBAC objects. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] BOOTSTRAP_FILES = {
        "cluster-roles.yaml", "cluster-role-bindings.yaml", "controller-roles.yaml",
        "controller-role-bindings.yaml", "namespace-roles.yaml", "namespace-role-bindings.yaml",
    };

    private Fixtures() {}

    /** Every document of a multi-document YAML string as Jackson trees. */
    static List<JsonNode> documents(String yaml) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                nodes.add(JSON.valueToTree(document));
            }
        }
        return nodes;
    }

    /** Parses YAML text; each document's source handle is "doc-N". Fails on parse problems. */
    static List<RbacObject> objects(String yaml) {
        List<RbacObject> objects = new ArrayList<>();
        List<JsonNode> nodes = documents(yaml);
        RbacParser parser = new RbacParser();
        for (int i = 0; i < nodes.size(); i++) {
            RbacParser.Result result = parser.parse(nodes.get(i), "doc-" + i);
            if (!result.problems().isEmpty()) {
                throw new AssertionError("unexpected parse problems: " + result.problems());
            }
            objects.addAll(result.objects());
        }
        return objects;
    }

    static RbacModel model(String yaml) {
        return RbacModel.build(objects(yaml));
    }

    static String resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + path);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stock bootstrap policy, each file's name as its source handle. */
    static List<RbacObject> bootstrapObjects() {
        List<RbacObject> objects = new ArrayList<>();
        RbacParser parser = new RbacParser();
        for (String file : BOOTSTRAP_FILES) {
            for (JsonNode node : documents(resource("/rbac/bootstrap/" + file))) {
                RbacParser.Result result = parser.parse(node, file);
                if (!result.problems().isEmpty()) {
                    throw new AssertionError(file + ": " + result.problems());
                }
                objects.addAll(result.objects());
            }
        }
        return objects;
    }

    static Rule rule(List<String> verbs, List<String> groups, List<String> resources, List<String> names, List<String> urls) {
        return new Rule(verbs, groups, resources, names, urls, 0, "rules[0]");
    }

    static List<String> csv(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return List.of(text.split(",", -1));
    }
}
