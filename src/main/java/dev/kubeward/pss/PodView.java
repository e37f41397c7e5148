package dev.kubeward.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Json;

/**
 * One pod template prepared for evaluation: the containers in admission's visiting order
 * (init containers, containers, ephemeral containers) and the locations needed to report paths.
 */
final class PodView {

    /** A container together with where it sits, so a path can be built only if it is reported. */
    record ContainerRef(JsonNode node, String name, JsonNode securityContext, String listField, int index,
                        String specPath) {
        String path() {
            return JsonPaths.index(JsonPaths.field(specPath, listField), index);
        }

        /** The path of {@code securityContext.<field>} when set, else the nearest object that exists. */
        String securityContextFieldPath(String field) {
            JsonNode sc = securityContext;
            if (sc == null) {
                return path();
            }
            String scPath = JsonPaths.field(path(), "securityContext");
            return Json.field(sc, field) == null ? scPath : JsonPaths.field(scPath, field);
        }
    }

    private static final ContainerRef[] NO_CONTAINERS = new ContainerRef[0];
    private static final String[] CONTAINER_LISTS = {"initContainers", "containers", "ephemeralContainers"};

    final JsonNode metadata;
    final JsonNode spec;
    final String metadataPath;
    final String specPath;
    /** spec.securityContext, or {@code null} when unset. */
    final JsonNode podSecurityContext;
    final ContainerRef[] containers;

    PodView(JsonNode metadata, JsonNode spec, String metadataPath, String specPath) {
        this.metadata = metadata;
        this.spec = spec;
        this.metadataPath = metadataPath;
        this.specPath = specPath;
        this.podSecurityContext = Json.field(spec, "securityContext");
        this.containers = collectContainers(spec, specPath);
    }

    /** Whether {@code spec.os.name} is {@code windows}, which exempts Linux-only restricted controls from v1.25. */
    boolean isWindows() {
        return "windows".equals(Json.goString(Json.field(spec, "os"), "name"));
    }

    /** Whether the pod runs in a user namespace ({@code hostUsers: false}), which relaxes some controls from v1.35. */
    boolean inUserNamespace() {
        return Json.isFalse(spec, "hostUsers");
    }

    String podSecurityContextPath() {
        return JsonPaths.field(specPath, "securityContext");
    }

    JsonNode annotations() {
        return Json.field(metadata, "annotations");
    }

    String annotationPath(String key) {
        return JsonPaths.field(metadataPath, "annotations", key);
    }

    private static ContainerRef[] collectContainers(JsonNode spec, String specPath) {
        int count = 0;
        for (String list : CONTAINER_LISTS) {
            JsonNode items = Json.array(spec, list);
            if (items != null) {
                count += items.size();
            }
        }
        if (count == 0) {
            return NO_CONTAINERS;
        }
        ContainerRef[] refs = new ContainerRef[count];
        int next = 0;
        for (String list : CONTAINER_LISTS) {
            JsonNode items = Json.array(spec, list);
            if (items == null) {
                continue;
            }
            for (int i = 0; i < items.size(); i++) {
                JsonNode container = items.path(i);
                // securityContext is read once here because nearly every check consults it.
                refs[next++] = new ContainerRef(container, Json.goString(container, "name"),
                        Json.field(container, "securityContext"), list, i, specPath);
            }
        }
        return refs;
    }
}
