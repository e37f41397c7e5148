package dev.kubeward.source.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.InputError;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.SourceMap;
import dev.kubeward.source.DocumentSplitter;
import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One kustomization file as written, with where each of its fields stands: what it consumes
 * (resources and bases, components, patches, generator sources, transformer configurations) and
 * the patches it applies. Read by kubeward itself, beside the kustomize binary that builds it, to
 * know which files of a scanned tree a build reads (they are not read again as loose YAML), to
 * refuse remote bases before anything could fetch them, and to trace the fields a patch sets.
 */
public final class Kustomization {
    /** The names kustomize looks for in a directory, in its order ({@code konfig.RecognizedKustomizationFileNames}). */
    public static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    /** A reference kustomize would fetch: a URL, a git address, or go-getter's forms. */
    private static final Pattern REMOTE = Pattern.compile(
            "^(?:[a-z][a-z0-9+.-]*://|git@|git::|gh:|github\\.com/|gitlab\\.com/|bitbucket\\.org/).*|.*\\?(?:ref|version|submodules|timeout)=.*",
            Pattern.CASE_INSENSITIVE);

    /** A patch as kustomize reads it: strategic merge (or a JSON merge patch) or JSON 6902. */
    public record Patch(boolean json6902, Path file, String text, int firstLine, int columnShift, JsonNode target,
            Kustomization in) {}

    final Path dir;
    final Path file;
    final String text;
    final JsonNode root;
    final SourceMap map;
    final boolean component;
    final List<Patch> patches = new ArrayList<>();
    /** Directories of the kustomizations (and components) this one consumes, in the order it names them. */
    final List<Path> children = new ArrayList<>();
    /** Every file this kustomization reads itself (its own file, resources, patch files, generator sources …). */
    final Set<Path> files = new LinkedHashSet<>();
    final List<InputError> problems = new ArrayList<>();

    private Kustomization(Path dir, Path file, String text, JsonNode root, SourceMap map) {
        this.dir = dir;
        this.file = file;
        this.text = text;
        this.root = root;
        this.map = map;
        this.component = "Component".equals(root.path("kind").asText(""));
    }

    public Path directory() {
        return dir;
    }

    public Path file() {
        return file;
    }

    public boolean isComponent() {
        return component;
    }

    /** The kustomization file of {@code dir}, or null when it has none. */
    public static Path fileIn(Path dir) {
        for (String name : FILE_NAMES) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return null;
    }

    public static boolean isKustomizationDirectory(Path dir) {
        return Files.isDirectory(dir) && fileIn(dir) != null;
    }

    public static boolean isKustomizationFileName(Path file) {
        return file.getFileName() != null && FILE_NAMES.contains(file.getFileName().toString());
    }

    /** The position of {@code path} in the kustomization file. */
    int line(JsonPath path) {
        return map == null ? 1 : map.locate(root, path).line();
    }

    /**
     * The kustomizations a build of {@code dir} reads: it and, depth first, every base and component
     * it consumes (each once), with the files they read and what is wrong in them.
     */
    public static final class Tree {
        public final List<Kustomization> all = new ArrayList<>();
        public final List<InputError> errors = new ArrayList<>();
        final Map<Path, Kustomization> byDir = new LinkedHashMap<>();

        /** Every file the build reads, its kustomization files included. */
        public Set<Path> files() {
            Set<Path> out = new LinkedHashSet<>();
            all.forEach(k -> out.addAll(k.files));
            return out;
        }

        /** The directories of the kustomizations it consumes (not the root's own). */
        public Set<Path> consumedDirectories() {
            Set<Path> out = new LinkedHashSet<>();
            all.stream().skip(1).forEach(k -> out.add(k.dir));
            return out;
        }

        public Kustomization root() {
            return all.isEmpty() ? null : all.get(0);
        }
    }

    /** @param dir an absolute, normalized directory holding a kustomization file */
    public static Tree read(Path dir) {
        Tree tree = new Tree();
        read(dir, tree, new LinkedHashSet<>());
        return tree;
    }

    private static void read(Path dir, Tree tree, Set<Path> path) {
        if (tree.byDir.containsKey(dir)) {
            return;
        }
        Path file = fileIn(dir);
        if (file == null) {
            return;
        }
        Kustomization k;
        try {
            k = parse(dir, file);
        } catch (InputProblem e) {
            tree.errors.add(e.error);
            return;
        }
        tree.byDir.put(dir, k);
        tree.all.add(k);
        tree.errors.addAll(k.problems);
        path.add(dir);
        for (Path child : k.children) {
            if (path.contains(child)) {
                tree.errors.add(new InputError(k.file.toString(), 0, "cycle: " + child + " consumes this kustomization again"));
                continue;
            }
            read(child, tree, path);
        }
        path.remove(dir);
    }

    private static final class InputProblem extends Exception {
        final InputError error;

        InputProblem(InputError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    private static Kustomization parse(Path dir, Path file) throws InputProblem {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputProblem(new InputError(file.toString(), 0, "cannot read: " + e.getMessage()));
        }
        List<DocumentSplitter.Chunk> chunks = DocumentSplitter.split(text).stream().filter(c -> !c.isBlank()).toList();
        if (chunks.size() > 1) {
            throw new InputProblem(new InputError(file.toString(), chunks.get(1).firstLine(),
                    "a kustomization is one YAML document, and this file holds more (kustomize refuses it)"));
        }
        ParsedDocument doc;
        try {
            doc = chunks.isEmpty() ? null : YamlTreeBuilder.parse(chunks.get(0).text(), chunks.get(0).firstLine());
        } catch (YamlTreeBuilder.YamlError e) {
            throw new InputProblem(new InputError(file.toString(), e.line(), "invalid kustomization: " + e.getMessage()));
        }
        JsonNode root = doc == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : doc.root();
        if (!root.isObject()) {
            throw new InputProblem(new InputError(file.toString(), doc.start().line(),
                    "invalid kustomization: a mapping of fields (resources:, patches: …) is expected"));
        }
        String kind = root.path("kind").asText("");
        if (!kind.isEmpty() && !kind.equals("Kustomization") && !kind.equals("Component")) {
            throw new InputProblem(new InputError(file.toString(), doc.sourceMap().locate(root, JsonPath.of("kind")).line(),
                    "kind: " + kind + " is not a kustomization (Kustomization or Component)"));
        }
        Kustomization k = new Kustomization(dir, file, text, root, doc == null ? null : doc.sourceMap());
        k.files.add(file);
        k.readFields();
        return k;
    }

    private void readFields() {
        for (String field : List.of("resources", "bases", "components")) {
            forEachString(field, (value, at) -> {
                Path target = dir.resolve(value).normalize();
                if (Files.isDirectory(target)) {
                    if (fileIn(target) == null) {
                        problem(at, field + ": " + value + " is a directory without a kustomization file (kustomize needs "
                                + String.join(", ", FILE_NAMES) + " in it)");
                    } else {
                        children.add(target);
                    }
                } else if (Files.isRegularFile(target) && !field.equals("components")) {
                    files.add(target);
                } else if (REMOTE.matcher(value).matches()) {
                    problem(at, field + ": " + value + " is a remote base: kubeward fetches nothing over the network; "
                            + "vendor it into the repository, or build the overlay yourself (kustomize build DIR | kubeward scan -)");
                } else {
                    problem(at, field + ": " + value + ": no such file or directory (kustomize build fails on it)");
                }
            });
        }
        forEachString("patchesStrategicMerge", (value, at) -> {
            Path target = value.contains("\n") ? null : dir.resolve(value).normalize();
            if (target != null && Files.isRegularFile(target)) {
                files.add(target);
                patches.add(patchFile(false, target, null));
            } else if (looksInline(value)) {
                patches.add(inline(false, at, value, null));
            } else {
                problem(at, "patchesStrategicMerge: " + value + ": no such file (kustomize build fails on it)");
            }
        });
        for (String field : List.of("patches", "patchesJson6902")) {
            JsonNode list = root.path(field);
            for (int i = 0; i < list.size(); i++) {
                JsonNode p = list.path(i);
                JsonPath at = JsonPath.of(field).index(i);
                JsonNode target = p.path("target").isObject() ? p.get("target") : null;
                if (p.path("path").isTextual()) {
                    Path f = dir.resolve(p.get("path").asText()).normalize();
                    if (!Files.isRegularFile(f)) {
                        problem(at.key("path"), field + ": " + p.get("path").asText() + ": no such file (kustomize build fails on it)");
                        continue;
                    }
                    files.add(f);
                    String text = readText(f);
                    patches.add(patchFile(field.equals("patchesJson6902") || isJsonPatch(text), f, target));
                } else if (p.path("patch").isTextual()) {
                    String text = p.get("patch").asText();
                    patches.add(inline(field.equals("patchesJson6902") || isJsonPatch(text), at.key("patch"), text, target));
                }
            }
        }
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            JsonNode list = root.path(generator);
            for (int i = 0; i < list.size(); i++) {
                JsonNode g = list.path(i);
                for (JsonNode f : g.path("files")) {
                    String v = f.asText("");
                    int eq = v.indexOf('=');
                    consumeFile(eq >= 0 ? v.substring(eq + 1) : v);
                }
                for (JsonNode f : g.path("envs")) {
                    consumeFile(f.asText(""));
                }
                if (g.path("env").isTextual()) {
                    consumeFile(g.get("env").asText());
                }
            }
        }
        for (String field : List.of("generators", "transformers", "validators", "configurations", "crds")) {
            forEachString(field, (value, at) -> {
                if (!value.contains("\n")) {
                    Path target = dir.resolve(value).normalize();
                    if (Files.isDirectory(target) && fileIn(target) != null) {
                        children.add(target);
                    } else {
                        consumeFile(value);
                    }
                }
            });
        }
        for (JsonNode r : root.path("replacements")) {
            if (r.path("path").isTextual()) {
                consumeFile(r.get("path").asText());
            }
        }
        if (root.path("openapi").path("path").isTextual()) {
            consumeFile(root.path("openapi").path("path").asText());
        }
        if (root.path("helmCharts").size() > 0) {
            problem(JsonPath.of("helmCharts"), "helmCharts: kustomize renders them only with --enable-helm and a helm binary, "
                    + "which may fetch charts; scan the chart itself (kubeward scan CHART-DIR) and the rest of the overlay without it");
        }
    }

    private void consumeFile(String relative) {
        if (!relative.isEmpty()) {
            Path f = dir.resolve(relative).normalize();
            if (Files.isRegularFile(f)) {
                files.add(f);
            }
        }
    }

    private static boolean looksInline(String value) {
        return value.contains("\n") || value.contains(":");
    }

    /** A patch whose text is a list (YAML or JSON) of operations is a JSON 6902 patch, as kustomize decides. */
    static boolean isJsonPatch(String text) {
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.equals("---")) {
                continue;
            }
            return l.startsWith("[") || l.startsWith("- op:") || l.startsWith("-op:") || l.startsWith("- {") && l.contains("op");
        }
        return false;
    }

    private Patch patchFile(boolean json6902, Path f, JsonNode target) {
        return new Patch(json6902, f, readText(f), 1, 0, target, this);
    }

    /**
     * A patch written inside the kustomization file ({@code patch: |-}): its text starts on the line
     * after the key, indented, for a block scalar; any other style is placed at the key itself.
     */
    private Patch inline(boolean json6902, JsonPath at, String value, JsonNode target) {
        int keyLine = line(at);
        String[] lines = text.split("\n", -1);
        String header = keyLine - 1 < lines.length ? lines[keyLine - 1] : "";
        boolean block = header.matches(".*(?::|-)\\s*[|>][0-9+-]*\\s*(#.*)?$");
        int first = block ? keyLine + 1 : keyLine;
        int indent = 0;
        if (block) {
            for (int i = keyLine; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    while (indent < lines[i].length() && lines[i].charAt(indent) == ' ') {
                        indent++;
                    }
                    first = i + 1;
                    break;
                }
            }
            // The block's text begins at its first non-blank line: skip the blank ones in the value too.
            value = value.replaceFirst("^(\\s*\\n)*", "");
        }
        return new Patch(json6902, file, value, block ? first : keyLine, block ? indent : 0, target, this);
    }

    private static String readText(Path f) {
        try {
            return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void problem(JsonPath at, String message) {
        problems.add(new InputError(file.toString(), line(at), message));
    }

    private interface StringEntry {
        void accept(String value, JsonPath at);
    }

    private void forEachString(String field, StringEntry each) {
        JsonNode list = root.path(field);
        if (list.isTextual()) {
            problem(JsonPath.of(field), field + " must be a list (kustomize refuses a single string)");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.path(i);
            if (v.isTextual() && !v.asText().isBlank()) {
                each.accept(v.asText().strip(), JsonPath.of(field).index(i));
            }
        }
    }
}
