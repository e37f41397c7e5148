package dev.kubeward.checks.dockerfile;

import dev.kubeward.model.Container;
import dev.kubeward.model.ImageRef;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each container of the scan joined with the Dockerfiles that build its image: the Dockerfiles
 * whose {@code builds} (from {@code images.builds}, recorded by the door,
 * see {@code source.dockerfile.ImageBuilds}) name the repository of the container's image, normalised as the container
 * runtime does ({@code nginx} is {@code docker.io/library/nginx}); tag and digest do not matter.
 * Built once per inventory.
 */
final class BuildJoins {
    private static final Object KEY = new Object();
    private static final BuildJoins NONE = new BuildJoins(Map.of(), Map.of());

    /** A container whose image is built by a Dockerfile. */
    record Join(Resource workload, PodTemplate pod, Container container, String repository, DockerfileView dockerfile) {}

    private final Map<Resource, List<Join>> byWorkload;
    private final Map<Resource, List<Join>> byDockerfile;

    private BuildJoins(Map<Resource, List<Join>> byWorkload, Map<Resource, List<Join>> byDockerfile) {
        this.byWorkload = byWorkload;
        this.byDockerfile = byDockerfile;
    }

    static BuildJoins of(Inventory inventory) {
        return inventory.derived(KEY, BuildJoins::build);
    }

    /** The joins a finding on {@code r} is about: its containers' if it is a workload, its users' if a Dockerfile. */
    List<Join> onWorkload(Resource r) {
        return byWorkload.getOrDefault(r, List.of());
    }

    List<Join> onDockerfile(Resource r) {
        return byDockerfile.getOrDefault(r, List.of());
    }

    private static BuildJoins build(Inventory inventory) {
        Map<String, List<DockerfileView>> byRepository = new HashMap<>();
        for (Resource r : inventory.ofKind(dev.kubeward.model.Kinds.DOCKERFILE)) {
            DockerfileView.of(r).ifPresent(view -> {
                for (String repository : view.builds()) {
                    byRepository.computeIfAbsent(repository, k -> new ArrayList<>()).add(view);
                }
            });
        }
        if (byRepository.isEmpty()) {
            return NONE;
        }
        Map<Resource, List<Join>> byWorkload = new IdentityHashMap<>();
        Map<Resource, List<Join>> byDockerfile = new IdentityHashMap<>();
        for (Resource r : inventory.all()) {
            for (PodTemplate pod : inventory.podTemplates(r)) {
                for (Container c : pod.containers()) {
                    String image = c.image();
                    if (image == null || image.isBlank()) {
                        continue;
                    }
                    String repository = ImageRef.parse(image).fullName();
                    for (DockerfileView view : byRepository.getOrDefault(repository, List.of())) {
                        Join j = new Join(r, pod, c, repository, view);
                        byWorkload.computeIfAbsent(r, k -> new ArrayList<>()).add(j);
                        byDockerfile.computeIfAbsent(view.resource(), k -> new ArrayList<>()).add(j);
                    }
                }
            }
        }
        return new BuildJoins(byWorkload, byDockerfile);
    }
}
