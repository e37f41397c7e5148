package dev.kubeward.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.Finding;
import dev.kubeward.model.Container;
import dev.kubeward.model.ImageRef;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.InputError;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.ObjectRef;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every image in use, where, and which image rules it breaks: the list a team feeds to its image
 * scanner. Built from the scanned objects (containers of pod templates; FROM, COPY --from and
 * RUN --mount from= of Dockerfiles) and the findings of the image checks at those places.
 */
public final class ImageInventory {
    /** One place an image is used. */
    public record Use(String file, int line, String object, String where, JsonPath path) {}

    /** One image reference with all its uses and the rules it breaks anywhere. */
    public record Entry(ImageRef image, List<Use> uses, Set<String> violations) {}

    private final Map<String, Entry> byImage = new TreeMap<>();

    /**
     * Unsuppressed image-rule findings by the file and object they are on, so that each use looks
     * at its own object's few findings instead of every finding of the scan (which made a large
     * inventory quadratic: minutes for the 2,000-file benchmark corpus).
     */
    private final Map<Owner, List<Finding>> imageFindings = new HashMap<>();

    private record Owner(String file, ObjectRef ref) {}

    /** @param scan the objects, whose pods are read with the scan's workload kinds */
    public ImageInventory(Inventory scan, List<Finding> findings) {
        for (Finding f : findings) {
            if (isImageRule(f.checkId()) && !f.suppressed()) {
                imageFindings.computeIfAbsent(new Owner(f.file(), f.resource()), k -> new ArrayList<>()).add(f);
            }
        }
        for (Resource r : scan.all()) {
            for (PodTemplate pod : scan.podTemplates(r)) {
                for (Container c : pod.containers()) {
                    if (c.image() != null && !c.image().isBlank()) {
                        add(c.image(), r, c.describe(), c.path().key("image"), c.path());
                    }
                }
            }
            if (r.kind().equals("Dockerfile") && r.apiVersion().startsWith("kubeward.dev/")) {
                addDockerfile(r);
            }
        }
    }

    /** FROM lines, plus the images COPY --from and RUN --mount from= pull (not earlier stages). */
    private void addDockerfile(Resource r) {
        JsonNode stages = r.object().path("stages");
        for (int i = 0; i < stages.size(); i++) {
            JsonNode stage = stages.path(i);
            String stageName = stage.hasNonNull("name") ? stage.get("name").asText() : String.valueOf(i);
            JsonPath instructions = JsonPath.of("stages").index(i).key("instructions");
            String image = stage.path("image").asText("");
            if (isImage(image) && !stage.hasNonNull("fromStage")) {
                add(image, r, "FROM of stage " + stageName, instructions.index(0), instructions.index(0));
            }
            JsonNode steps = stage.path("instructions");
            for (int j = 1; j < steps.size(); j++) {
                JsonPath at = instructions.index(j);
                String copied = steps.path(j).path("fromImage").asText("");
                if (isImage(copied)) {
                    add(copied, r, "COPY --from in stage " + stageName, at, at);
                }
                for (JsonNode mount : steps.path(j).path("mountsFrom")) {
                    String mounted = mount.path("fromImage").asText("");
                    if (isImage(mounted)) {
                        add(mounted, r, "RUN --mount in stage " + stageName, at, at);
                    }
                }
            }
        }
    }

    /** A reference to a registry image: not scratch, not left unresolved by an ARG without value. */
    private static boolean isImage(String image) {
        return !image.isBlank() && !image.contains("$") && !image.equalsIgnoreCase("scratch");
    }

    private void add(String image, Resource r, String where, JsonPath path, JsonPath scope) {
        Entry e = byImage.computeIfAbsent(image, k -> new Entry(ImageRef.parse(k), new ArrayList<>(), new TreeSet<>()));
        e.uses().add(new Use(r.origin().file(), r.locate(path).line(), r.displayName(), where, path));
        String prefix = scope.toString();
        for (Finding f : imageFindings.getOrDefault(new Owner(r.origin().file(), r.ref()), List.of())) {
            String at = f.path().toString();
            // Within the scope: the path itself or below it, but not instructions[10] for instructions[1].
            if (at.equals(prefix) || at.startsWith(prefix + ".") || at.startsWith(prefix + "[")) {
                e.violations().add(f.checkId());
            }
        }
    }

    /** The checks whose findings are image rules: the only ones the inventory needs to run. */
    public static boolean isImageRule(String checkId) {
        return checkId.startsWith("image-") || checkId.startsWith("dockerfile-base-");
    }

    public List<Entry> entries() {
        return List.copyOf(byImage.values());
    }

    /** The images with their uses, then a summary line; {@code quiet} prints the summary line alone. */
    public void writeText(Writer writer, boolean quiet) {
        PrintWriter out = new PrintWriter(writer);
        for (Entry e : quiet ? List.<Entry>of() : byImage.values()) {
            ImageRef ref = e.image();
            out.println(e.image().raw());
            out.println("    registry " + ref.registry() + ", repository " + ref.repository() + ", tag "
                    + (ref.tag() == null ? "(none)" : ref.tag()) + ", digest " + (ref.hasDigest() ? ref.digest() : "(none)"));
            out.println("    breaks: " + (e.violations().isEmpty() ? "nothing" : String.join(", ", e.violations())));
            for (Use u : e.uses()) {
                // An object from a cluster has no lines: its JSON path says where.
                out.println("    " + (u.file().startsWith(dev.kubeward.model.Origin.LIVE_PREFIX) ? u.file() + " " + u.path()
                        : u.file() + ":" + u.line()) + "  " + u.object() + "  " + u.where());
            }
        }
        long breaking = byImage.values().stream().filter(e -> !e.violations().isEmpty()).count();
        out.println(byImage.size() + " images, " + breaking + " breaking image rules");
        out.flush();
    }

    /** {@code images}, {@code summary} and {@code errors} after the given header. */
    public void writeJson(Writer out, ObjectNode root, List<InputError> errors) throws IOException {
        ArrayNode list = root.putArray("images");
        for (Entry e : byImage.values()) {
            ObjectNode n = list.addObject();
            n.put("image", e.image().raw());
            n.put("registry", e.image().registry());
            n.put("repository", e.image().repository());
            n.put("tag", e.image().tag());
            n.put("digest", e.image().digest());
            ArrayNode v = n.putArray("violations");
            e.violations().forEach(v::add);
            ArrayNode uses = n.putArray("uses");
            for (Use u : e.uses()) {
                uses.addObject().put("file", u.file()).put("line", u.line()).put("object", u.object())
                        .put("where", u.where()).put("path", u.path().toString());
            }
        }
        root.putObject("summary").put("images", byImage.size())
                .put("breaking", byImage.values().stream().filter(e -> !e.violations().isEmpty()).count());
        ArrayNode errs = root.putArray("errors");
        for (InputError e : errors) {
            errs.addObject().put("file", e.file()).put("line", e.line()).put("message", e.message());
        }
        JsonDocuments.write(root, out);
    }
}
