package dev.kubeward.checks.rbac;

import dev.kubeward.model.EmbeddedDocuments;
import dev.kubeward.model.Resource;
import dev.kubeward.rbac.RbacObject;
import dev.kubeward.rbac.RbacParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The roles and bindings a stock API server creates at start-up, read once from the class path
 * ({@code dev/kubeward/rbac/bootstrap/}). A real cluster always has them, so the scan's model and
 * {@code kubeward rbac --bootstrap} add them underneath the user's objects: a binding to {@code view}
 * or {@code edit} then grants what it grants in a cluster instead of dangling.
 */
public final class BootstrapPolicy {
    static final String RESOURCE_DIR = "/dev/kubeward/rbac/bootstrap/";
    static final List<String> FILES = List.of(
            "cluster-roles.yaml", "cluster-role-bindings.yaml", "controller-roles.yaml",
            "controller-role-bindings.yaml", "namespace-roles.yaml", "namespace-role-bindings.yaml");

    /** File name users see in output for objects that came from here. */
    public static final String DISPLAY_PREFIX = "<bootstrap>/";

    private static final class Holder {
        static final BootstrapPolicy INSTANCE = load();
    }

    private final List<Resource> resources;
    private final List<RbacObject> objects;

    private BootstrapPolicy(List<Resource> resources, List<RbacObject> objects) {
        this.resources = List.copyOf(resources);
        this.objects = List.copyOf(objects);
    }

    public static BootstrapPolicy get() {
        return Holder.INSTANCE;
    }

    /** The stock objects as loaded resources (each a Role, ClusterRole or binding). */
    public List<Resource> resources() {
        return resources;
    }

    /** The stock objects parsed for the engine; each one's source is its {@link Resource}. */
    public List<RbacObject> objects() {
        return objects;
    }

    private static BootstrapPolicy load() {
        List<Resource> resources = new ArrayList<>();
        List<RbacObject> objects = new ArrayList<>();
        RbacParser parser = new RbacParser();
        for (String file : FILES) {
            // Read by the file reader, found through the model (checks do not depend on readers).
            for (Resource resource : EmbeddedDocuments.reader().readBundledManifests(DISPLAY_PREFIX + file, read(file))) {
                resources.add(resource);
                objects.addAll(parser.parse(resource.object(), resource).objects());
            }
        }
        return new BootstrapPolicy(resources, objects);
    }

    private static String read(String file) {
        try (InputStream in = BootstrapPolicy.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("bundled bootstrap policy file missing: " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
