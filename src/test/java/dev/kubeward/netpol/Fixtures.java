package dev.kubeward.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads multi-document YAML manifests into a ClusterModel, the way the CLI will feed the engine. */
final class Fixtures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Three workloads in two labelled namespaces, the base of the semantics table. */
    static final String BASE = """
            kind: Namespace
            metadata: {name: frontend, labels: {team: web}}
            ---
            kind: Namespace
            metadata: {name: backend, labels: {team: api}}
            ---
            kind: Deployment
            metadata: {name: web, namespace: frontend}
            spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}}}
            ---
            kind: Deployment
            metadata: {name: api, namespace: backend}
            spec: {template: {metadata: {labels: {app: api, tier: app}}, spec: {containers: [{name: c, ports: [{name: http, containerPort: 9090}, {name: dns, containerPort: 5353, protocol: UDP}]}]}}}
            ---
            kind: Deployment
            metadata: {name: db, namespace: backend}
            spec: {template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c, ports: [{name: pg, containerPort: 5432}]}]}}}
            """;

    private Fixtures() {
    }

    static ClusterModel load(String yaml) {
        return ManifestParser.parse(parseYaml(yaml));
    }

    static ClusterModel resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/netpol/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + name);
            }
            return load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resourceText(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/netpol/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> parseYaml(String yaml) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(yaml)) {
            if (document != null) {
                nodes.add(MAPPER.valueToTree(document));
            }
        }
        return nodes;
    }

    /** Connectivity lines as text, in output order. */
    static List<String> lines(ClusterModel model) {
        return Reachability.compute(model).stream().map(Connection::toString).toList();
    }
}
