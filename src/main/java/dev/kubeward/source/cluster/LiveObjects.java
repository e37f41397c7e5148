package dev.kubeward.source.cluster;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.Origin;
import dev.kubeward.model.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns objects as the API server returns them into {@link Resource}s, the same type the file
 * reader produces, so that every check, engine and reporter runs on them unchanged. Used by the
 * cluster reader for list pages and, through {@link #fromJson}, by anything that holds single
 * objects (an informer cache, an admission request).
 *
 * <p>What the API server adds that a manifest does not have is dropped: {@code status},
 * {@code metadata.managedFields}. List items carry no {@code apiVersion}/{@code kind}; they take
 * them from the list. A Secret keeps its metadata alone: {@code data} and {@code stringData} are
 * skipped by the streaming parser without being built into a tree, and so is the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation, which holds the values of a
 * Secret that was applied with kubectl.
 */
public final class LiveObjects {
    /** The annotation {@code kubectl apply} writes the whole applied object into. */
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build()
            .setCodec(MAPPER);

    private final String sourceName;

    /** @param sourceName how findings name where objects came from: {@code cluster:CONTEXT} */
    public LiveObjects(String sourceName) {
        this.sourceName = sourceName;
    }

    public String sourceName() {
        return sourceName;
    }

    /** What one list page held besides its items. */
    public record Page(String continueToken, String resourceVersion, int items) {}

    /**
     * Reads one list page from a stream (the body of a list request for {@code kind}), handing each
     * item over as a Resource as soon as it is read.
     */
    public Page readPage(InputStream body, ListedKind kind, Consumer<Resource> sink) throws IOException {
        String continueToken = null;
        String resourceVersion = null;
        int items = 0;
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the answer is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                    JsonNode meta = p.readValueAsTree();
                    continueToken = text(meta.get("continue"));
                    resourceVersion = text(meta.get("resourceVersion"));
                } else if (field.equals("items") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        sink.accept(toResource(readItem(p, kind.metadataOnly() || kind.kind().equals("Secret")), kind.apiVersion(),
                                kind.kind()));
                        items++;
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return new Page(continueToken == null || continueToken.isEmpty() ? null : continueToken, resourceVersion, items);
    }

    /**
     * One object given whole (an informer's object serialised to JSON, a watch event's object),
     * with the same treatment as a list item; {@code apiVersion} and {@code kind} are its own.
     */
    public Resource fromJson(InputStream json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the object is not a JSON object");
            }
            // The kind is not known before it is read, so a Secret's values are dropped after the
            // tree is built; callers with Secrets in hand should ask for their metadata alone.
            ObjectNode item = readItem(p, false);
            if ("Secret".equals(text(item.get("kind"))) && "v1".equals(text(item.get("apiVersion")))) {
                item = metadataOnly(item);
            }
            return toResource(item, text(item.get("apiVersion")), text(item.get("kind")));
        }
    }

    /** The API version of the kubelet configuration that {@code /configz} serves the fields of. */
    public static final String KUBELET_CONFIG_API_VERSION = "kubelet.config.k8s.io/v1beta1";

    /**
     * A kubelet's {@code /configz} answer ({@code {"kubeletconfig": {…}}}) as the
     * KubeletConfiguration it is, named after its node, its origin
     * {@code cluster:CONTEXT/Node/NAME/configz}.
     */
    public Resource fromKubeletConfigz(InputStream body, String node) throws IOException {
        JsonNode answer;
        try (JsonParser p = FACTORY.createParser(body)) {
            answer = p.readValueAsTree();
        }
        if (answer == null || !(answer.get("kubeletconfig") instanceof ObjectNode config)) {
            throw new IOException("no kubeletconfig object in the answer");
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", KUBELET_CONFIG_API_VERSION);
        object.put("kind", "KubeletConfiguration");
        config.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("apiVersion") && !e.getKey().equals("kind")) {
                object.set(e.getKey(), e.getValue());
            }
        });
        return new Resource(KUBELET_CONFIG_API_VERSION, "KubeletConfiguration", null, node, object,
                new Origin(origin("Node", null, node) + "/configz", 0, null), List.of());
    }

    /** An object tree already read (the caller keeps no other reference to it). */
    public Resource fromTree(ObjectNode object) {
        ObjectNode item = object.deepCopy();
        item.remove("status");
        JsonNode meta = item.get("metadata");
        if (meta instanceof ObjectNode m) {
            m.remove("managedFields");
        }
        if ("Secret".equals(text(item.get("kind"))) && "v1".equals(text(item.get("apiVersion")))) {
            item = metadataOnly(item);
        }
        return toResource(item, text(item.get("apiVersion")), text(item.get("kind")));
    }

    private static ObjectNode metadataOnly(ObjectNode secret) {
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        for (String field : List.of("apiVersion", "kind", "metadata", "type")) {
            if (secret.has(field)) {
                kept.set(field, secret.get(field));
            }
        }
        if (kept.get("metadata") instanceof ObjectNode m && m.get("annotations") instanceof ObjectNode a) {
            a.remove(LAST_APPLIED);
        }
        return kept;
    }

    /** The parser is on the item's START_OBJECT; leaves it on its END_OBJECT. */
    private static ObjectNode readItem(JsonParser p, boolean metadataOnly) throws IOException {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            boolean keep = !field.equals("status")
                    && (!metadataOnly || field.equals("metadata") || field.equals("type")
                            || field.equals("apiVersion") || field.equals("kind"));
            if (!keep) {
                p.skipChildren();
                continue;
            }
            if (field.equals("metadata") && metadataOnly && p.currentToken() == JsonToken.START_OBJECT) {
                item.set(field, readMetadataWithoutLastApplied(p));
                continue;
            }
            JsonNode value = p.readValueAsTree();
            if (field.equals("metadata") && value instanceof ObjectNode m) {
                m.remove("managedFields");
            }
            item.set(field, value);
        }
        return item;
    }

    /** A Secret's metadata, the last-applied annotation (which holds the values) never read into a tree. */
    private static ObjectNode readMetadataWithoutLastApplied(JsonParser p) throws IOException {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("managedFields")) {
                p.skipChildren();
            } else if (field.equals("annotations") && value == JsonToken.START_OBJECT) {
                ObjectNode annotations = meta.putObject("annotations");
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    if (key.equals(LAST_APPLIED)) {
                        p.skipChildren();
                    } else {
                        annotations.set(key, p.readValueAsTree());
                    }
                }
            } else {
                meta.set(field, p.readValueAsTree());
            }
        }
        return meta;
    }

    private Resource toResource(ObjectNode item, String apiVersion, String kind) {
        // apiVersion and kind first, as in a manifest; a PartialObjectMetadata item names
        // meta.k8s.io/v1 and is replaced by the kind that was listed.
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("apiVersion") && !e.getKey().equals("kind")) {
                object.set(e.getKey(), e.getValue());
            }
        }
        JsonNode meta = object.path("metadata");
        String namespace = text(meta.get("namespace"));
        String name = text(meta.get("name"));
        String file = origin(kind, namespace, name);
        return new Resource(apiVersion, kind, namespace == null || namespace.isEmpty() ? null : namespace, name, object,
                new Origin(file, 0, null), List.of());
    }

    /** {@code cluster:CONTEXT/Kind/namespace/name}: what a finding gives as its file. */
    String origin(String kind, String namespace, String name) {
        return sourceName + "/" + kind + "/" + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + name;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
