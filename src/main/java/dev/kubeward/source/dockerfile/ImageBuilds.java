package dev.kubeward.source.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Dockerfile builds which image repository: the door records it on the Dockerfile's object
 * as {@code builds} (a list of repositories, normalised as {@code docker.io/library/nginx}), where the
 * checks that join a Dockerfile with the workloads running its image read it
 * (docs/dockerfile.md#dockerfiles-and-the-workloads-that-run-their-image). A mapped Dockerfile the
 * scan did not read is read here, as context.
 */
public final class ImageBuilds {
    /** The field of a Dockerfile's object that lists the repositories it builds. */
    public static final String FIELD = "builds";
    /** Larger than any Dockerfile; the bound keeps a mapping to a huge file from filling the memory. */
    static final long MAX_BYTES = 16L << 20;

    private ImageBuilds() {}

    /**
     * One mapping.
     *
     * @param dockerfile the file, resolved (against the configuration's directory)
     * @param repository the normalised repository
     * @param configFile the configuration file the mapping is written in, as messages name it
     * @param line the mapping's line there
     */
    public record Mapping(Path dockerfile, String repository, String configFile, int line) {
        String where() {
            return configFile + ":" + line;
        }
    }

    /**
     * @param added the mapped Dockerfiles that were not among the loaded objects, read for the
     *     mapping: context for the joins, not scanned themselves
     * @param configErrors mappings to a file that does not exist or cannot be read (at the mapping's line)
     * @param inputErrors mapped Dockerfiles that could not be parsed (at their own line)
     */
    public record Result(List<Resource> added, List<InputError> configErrors, List<InputError> inputErrors) {}

    /**
     * Marks the loaded Dockerfiles the mappings name and reads the others.
     *
     * @param loaded the objects of the scan and its context
     * @param failed files the load already reported as unreadable (not reported again)
     * @param cwd what relative names of loaded files are relative to
     */
    public static Result apply(List<Mapping> mappings, List<Resource> loaded, Set<String> failed, Path cwd) {
        Map<Path, Resource> byPath = new HashMap<>();
        for (Resource r : loaded) {
            if (Kinds.isKubeward(r.apiVersion(), r.kind(), Kinds.DOCKERFILE) && !r.origin().file().startsWith("<")) {
                byPath.putIfAbsent(canonical(cwd.resolve(r.origin().file())), r);
            }
        }
        Set<Path> failedPaths = new java.util.HashSet<>();
        failed.forEach(f -> failedPaths.add(canonical(cwd.resolve(f))));
        List<Resource> added = new ArrayList<>();
        List<InputError> configErrors = new ArrayList<>();
        List<InputError> inputErrors = new ArrayList<>();
        for (Mapping m : mappings) {
            Path path = canonical(m.dockerfile());
            Resource r = byPath.get(path);
            if (r == null && failedPaths.contains(path)) {
                continue;
            }
            if (r == null) {
                String name = display(cwd, m.dockerfile());
                if (!Files.isRegularFile(m.dockerfile())) {
                    configErrors.add(error(m, "images.builds: " + name + (Files.exists(m.dockerfile())
                            ? " is not a file" : " does not exist") + " (paths are relative to the configuration file's directory)"));
                    continue;
                }
                try {
                    if (Files.size(m.dockerfile()) > MAX_BYTES) {
                        configErrors.add(error(m, "images.builds: " + name + " is larger than " + (MAX_BYTES >> 20)
                                + " MiB: not a Dockerfile"));
                        continue;
                    }
                    String text = new String(Files.readAllBytes(m.dockerfile()), StandardCharsets.UTF_8);
                    r = DockerfileReader.read(name, text, DockerfileReader.hasDockerignore(m.dockerfile()));
                } catch (IOException e) {
                    configErrors.add(error(m, "images.builds: cannot read " + name + ": " + e.getMessage()));
                    continue;
                } catch (DockerfileSyntaxException e) {
                    inputErrors.add(new InputError(name, e.line(), e.getMessage() + " (the Dockerfile of "
                            + m.repository() + " in images.builds at " + m.where() + ")"));
                    failedPaths.add(path);
                    continue;
                }
                byPath.put(path, r);
                added.add(r);
            }
            mark(r, m.repository());
        }
        return new Result(List.copyOf(added), List.copyOf(configErrors), List.copyOf(inputErrors));
    }

    /** Records on a Dockerfile's object that it builds {@code repository} (once). */
    public static void mark(Resource dockerfile, String repository) {
        if (!(dockerfile.object() instanceof ObjectNode root)) {
            throw new IllegalArgumentException("not a Dockerfile object: " + dockerfile.displayName());
        }
        synchronized (root) {
            JsonNode existing = root.get(FIELD);
            ArrayNode list = existing instanceof ArrayNode a ? a : root.putArray(FIELD);
            for (JsonNode n : list) {
                if (n.asText().equals(repository)) {
                    return;
                }
            }
            list.add(repository);
        }
    }

    /** The repositories a Dockerfile's object says it builds. */
    public static List<String> repositories(Resource dockerfile) {
        List<String> out = new ArrayList<>();
        dockerfile.object().path(FIELD).forEach(n -> out.add(n.asText()));
        return out;
    }

    private static InputError error(Mapping m, String message) {
        return new InputError(m.configFile(), m.line(), message);
    }

    private static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException | SecurityException e) {
            return abs;
        }
    }

    /** Relative to the working directory when inside it, as the loader names files. */
    private static String display(Path cwd, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path base = cwd.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }
}
