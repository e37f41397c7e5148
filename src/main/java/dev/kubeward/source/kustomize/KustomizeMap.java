package dev.kubeward.source.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.InputError;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Position;
import dev.kubeward.model.SourceMap;
import dev.kubeward.source.DocumentSplitter;
import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Places the objects of a Kustomize build in the files they were written in.
 *
 * <p>Each object's {@code config.kubernetes.io/origin} annotation (which the build was asked for,
 * see {@link KustomizeBuild}) names its resource file, or for a generated object the kustomization
 * and generator that made it; the annotation is then removed, so that no check sees it. The object
 * is found in its file by kind and name (the name before prefixes, suffixes and hashes), and every
 * field of the built object is placed where the file writes it. A field the file does not write,
 * or writes with another value, is then looked for where an overlay set it, since that is where
 * the fix goes:
 *
 * <ul>
 *   <li>a strategic-merge patch (a file, or inline in the kustomization) that targets the object
 *       and writes that field with that value: the patch's line;
 *   <li>a JSON 6902 operation ({@code add}, {@code replace}, {@code copy}, {@code move}) whose path
 *       is the field and whose value is the field's: the operation's {@code value:} line;
 *   <li>{@code namespace:}, {@code namePrefix:}/{@code nameSuffix:}, {@code images:},
 *       {@code replicas:}, {@code commonLabels:}, {@code labels:} and {@code commonAnnotations:} of a
 *       kustomization: that line of the kustomization file.
 * </ul>
 *
 * A field changed in a way none of these explains is placed at the base resource's line, with a
 * note that says so; a field added that way at the nearest field of the base resource, likewise.
 */
public final class KustomizeMap {
    public static final String ORIGIN = "config.kubernetes.io/origin";
    static final String CHANGED = "line of the base resource: the overlay changed this field";
    static final String ADDED = "nearest line of the base resource: the overlay added this field";
    /** Keys by which strategic merge matches the items of a list (the API types' patchMergeKey), in order of preference. */
    private static final List<String> MERGE_KEYS = List.of("name", "containerPort", "mountPath", "devicePath", "ip",
            "topologyKey", "key", "port", "type");

    /** A built object, as the manifest reader takes a document, with the file and document it came from. */
    public record Located(String file, int document, ParsedDocument doc) {}

    private final Kustomization.Tree tree;
    private final Path base;
    private final Function<Path, String> display;
    private final Map<Path, List<Candidate>> files = new HashMap<>();
    private final Map<Kustomization.Patch, List<ParsedDocument>> patchDocs = new IdentityHashMap<>();

    /**
     * @param base the directory the build's origin paths are relative to (the wrapper's)
     * @param display how a file is named in findings
     */
    public KustomizeMap(Kustomization.Tree tree, Path base, Function<Path, String> display) {
        this.tree = tree;
        this.base = base;
        this.display = display;
    }

    /** The built stream as located documents; what cannot be read is an error of the kustomization. */
    public List<Located> locate(String output, List<InputError> errors) {
        List<Located> out = new ArrayList<>();
        String rootFile = display.apply(tree.root().file);
        for (DocumentSplitter.Chunk chunk : DocumentSplitter.split(output)) {
            if (chunk.isBlank()) {
                continue;
            }
            ParsedDocument doc;
            try {
                doc = YamlTreeBuilder.parse(chunk.text(), chunk.firstLine());
            } catch (YamlTreeBuilder.YamlError e) {
                errors.add(new InputError(rootFile, 0, "the build printed invalid YAML (line " + e.line()
                        + " of its output): " + e.getMessage()));
                continue;
            }
            if (doc == null || !doc.root().isObject()) {
                continue;
            }
            out.add(locate((ObjectNode) doc.root()));
        }
        return out;
    }

    /** How many objects of the build carried an origin annotation. */
    private int withOrigin;

    /**
     * Whether the build recorded where any object came from. None of several objects means the
     * binary ignored {@code buildMetadata: [originAnnotations]} (older than kustomize v4.5.0
     * without its strict field check), and every object stands at the root kustomization.
     */
    public boolean originsRecorded() {
        return withOrigin > 0;
    }

    private Located locate(ObjectNode object) {
        JsonNode origin = takeOrigin(object);
        if (origin != null) {
            withOrigin++;
        }
        Relocation r = new Relocation(object);
        if (origin != null && origin.path("path").isTextual() && !origin.has("repo")) {
            Path file = base.resolve(origin.get("path").asText()).normalize();
            Candidate source = find(file, object);
            if (source != null) {
                r.place(object, source.node, source.map, source.position(), true);
                r.patches(tree);
                r.transformers(tree, source.node);
                return new Located(display.apply(file), source.document, r.finish());
            }
        }
        if (origin != null && origin.path("configuredIn").isTextual()) {
            Path file = base.resolve(origin.get("configuredIn").asText()).normalize();
            Kustomization k = tree.all.stream().filter(x -> x.file.equals(file)).findFirst().orElse(null);
            if (k != null) {
                r.generated(k, origin.path("configuredBy").path("kind").asText(""));
                r.patches(tree);
                r.transformers(tree, null);
                return new Located(display.apply(k.file), 0, r.finish());
            }
        }
        // Made by something that records no origin (a KRM function): the root kustomization, said as such.
        Kustomization k = tree.root();
        r.place(object, null, null, Position.START, false);
        r.map.noteAll("made by the build, which recorded no origin for it");
        return new Located(display.apply(k.file), 0, r.finish());
    }

    /** Removes the origin annotation (and the annotations mapping, if that was all it held); returns the origin. */
    static JsonNode takeOrigin(ObjectNode object) {
        JsonNode annotations = object.path("metadata").path("annotations");
        if (!(annotations instanceof ObjectNode a) || !a.has(ORIGIN)) {
            return null;
        }
        String text = a.get(ORIGIN).asText("");
        a.remove(ORIGIN);
        if (a.isEmpty()) {
            ((ObjectNode) object.get("metadata")).remove("annotations");
        }
        try {
            ParsedDocument d = YamlTreeBuilder.parse(text, 1);
            return d == null ? null : d.root();
        } catch (YamlTreeBuilder.YamlError e) {
            return null;
        }
    }

    /** An object of a resource file: its tree, positions and document index. */
    private record Candidate(JsonNode node, SourceMap map, int document) {
        Position position() {
            return map.locate(node, JsonPath.ROOT);
        }
    }

    private Candidate find(Path file, JsonNode built) {
        List<Candidate> candidates = files.computeIfAbsent(file, KustomizeMap::read);
        String kind = built.path("kind").asText("");
        String name = built.path("metadata").path("name").asText("");
        Candidate best = null;
        int bestScore = -1;
        for (Candidate c : candidates) {
            if (!c.node.path("kind").asText("").equals(kind)) {
                continue;
            }
            String n = c.node.path("metadata").path("name").asText("");
            int score = n.equals(name) ? Integer.MAX_VALUE : !n.isEmpty() && name.contains(n) ? n.length() : 0;
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best != null ? best : candidates.isEmpty() ? null : candidates.get(0);
    }

    /** The objects of a resource file, items of a {@code List} flattened as kustomize flattens them. */
    private static List<Candidate> read(Path file) {
        List<Candidate> out = new ArrayList<>();
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return out;
        }
        int index = 0;
        for (DocumentSplitter.Chunk chunk : DocumentSplitter.split(text)) {
            if (chunk.isBlank()) {
                continue;
            }
            try {
                ParsedDocument d = YamlTreeBuilder.parse(chunk.text(), chunk.firstLine());
                if (d != null && d.root().isObject()) {
                    JsonNode items = d.root().get("items");
                    if (d.root().path("kind").asText("").endsWith("List") && items != null && items.isArray()) {
                        for (JsonNode item : items) {
                            out.add(new Candidate(item, d.sourceMap(), index));
                        }
                    } else {
                        out.add(new Candidate(d.root(), d.sourceMap(), index));
                    }
                }
            } catch (YamlTreeBuilder.YamlError e) {
                // kustomize read it, so this does not happen; a document not found is placed at the file's start.
            }
            index++;
        }
        return out;
    }

    private List<ParsedDocument> docs(Kustomization.Patch p) {
        return patchDocs.computeIfAbsent(p, x -> {
            List<ParsedDocument> out = new ArrayList<>();
            for (DocumentSplitter.Chunk chunk : DocumentSplitter.split(x.text())) {
                if (chunk.isBlank()) {
                    continue;
                }
                try {
                    ParsedDocument d = YamlTreeBuilder.parse(chunk.text(), chunk.firstLine() + x.firstLine() - 1);
                    if (d != null) {
                        out.add(d);
                    }
                } catch (YamlTreeBuilder.YamlError e) {
                    // kustomize applied it, so it parses; nothing to trace otherwise.
                }
            }
            return out;
        });
    }

    static boolean sameScalar(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.isValueNode() || b.isValueNode()) {
            return sameScalar(a, b);
        }
        if (a.isObject() != b.isObject() || a.size() != b.size()) {
            return false;
        }
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!sameValue(a.get(k), b.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** The item of {@code list} that strategic merge would match {@code item} to, or -1. */
    static int match(JsonNode list, JsonNode item, int index) {
        if (item.isObject()) {
            for (String key : MERGE_KEYS) {
                JsonNode v = item.get(key);
                if (v != null && v.isValueNode()) {
                    for (int i = 0; i < list.size(); i++) {
                        if (sameScalar(list.get(i).get(key), v)) {
                            return i;
                        }
                    }
                    return -1;
                }
            }
        } else if (item.isValueNode()) {
            for (int i = 0; i < list.size(); i++) {
                if (sameScalar(list.get(i), item)) {
                    return i;
                }
            }
            return -1;
        }
        return index < list.size() ? index : -1;
    }

    /** The positions of one built object, made as it is walked. */
    private final class Relocation {
        final ObjectNode object;
        final SourceMap map = new SourceMap();
        final IdentityHashMap<JsonNode, long[]> slots = new IdentityHashMap<>();
        /** Slots the base resource did not write with this value: slot 0 unused; true = changed, false = added. */
        final IdentityHashMap<JsonNode, Boolean[]> untraced = new IdentityHashMap<>();

        Relocation(ObjectNode object) {
            this.object = object;
        }

        ParsedDocument finish() {
            for (Map.Entry<JsonNode, Boolean[]> e : untraced.entrySet()) {
                Boolean[] marks = e.getValue();
                for (int i = 1; i < marks.length; i++) {
                    if (marks[i] != null) {
                        map.recordElsewhere(e.getKey(), i, null, marks[i] ? CHANGED : ADDED);
                    }
                }
            }
            return new ParsedDocument(object, map.locate(object, JsonPath.ROOT), map, List.of());
        }

        private void mark(JsonNode container, int slot, boolean changed) {
            untraced.computeIfAbsent(container, c -> new Boolean[c.size() + 1])[slot] = changed;
        }

        private boolean isUntraced(JsonNode container, int slot) {
            Boolean[] m = untraced.get(container);
            return m != null && m[slot] != null;
        }

        /**
         * Places {@code node} (of the built object) and everything under it where {@code src} (of a
         * source file, positions in {@code srcMap}) writes it; {@code at} is where {@code node} itself is.
         *
         * @param track mark what the source does not write (with this value) as untraced
         */
        void place(JsonNode node, JsonNode src, SourceMap srcMap, Position at, boolean track) {
            if (!node.isContainerNode()) {
                return;
            }
            long[] s = new long[node.size() + 1];
            s[0] = SourceMap.pack(at);
            slots.put(node, s);
            map.recordSlots(node, s);
            if (node.isObject()) {
                int i = 1;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); i++) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode from = src != null && src.isObject() ? src.get(e.getKey()) : null;
                    Position p = from == null ? null : srcMap.keyPosition(src, e.getKey());
                    if (p == null) {
                        p = at;
                    }
                    s[i] = SourceMap.pack(p);
                    if (track && from == null) {
                        mark(node, i, false);
                    } else if (track && e.getValue().isValueNode() && !sameScalar(e.getValue(), from)) {
                        mark(node, i, true);
                    }
                    place(e.getValue(), from, srcMap, p, track);
                }
            } else {
                for (int i = 0; i < node.size(); i++) {
                    JsonNode item = node.get(i);
                    int j = src != null && src.isArray() ? match(src, item, node.size() == src.size() ? i : -1) : -1;
                    JsonNode from = j < 0 ? null : src.get(j);
                    Position p = from == null ? at : srcMap.locate(src, JsonPath.ROOT.index(j));
                    s[i + 1] = SourceMap.pack(p);
                    if (track && from == null) {
                        mark(node, i + 1, false);
                    } else if (track && item.isValueNode() && !sameScalar(item, from)) {
                        mark(node, i + 1, true);
                    }
                    place(item, from, srcMap, p, track);
                }
            }
        }

        /** Slot {@code slot} of {@code container} was written at {@code p} of {@code file}. */
        private void set(JsonNode container, int slot, Position p, String file) {
            long[] s = slots.get(container);
            if (s == null || slot >= s.length) {
                return;
            }
            s[slot] = SourceMap.pack(p);
            map.recordElsewhere(container, slot, file, null);
            Boolean[] m = untraced.get(container);
            if (m != null) {
                m[slot] = null;
            }
        }

        /** Everything under {@code node} written by {@code value} (equal to it) of a patch. */
        private void graft(JsonNode node, JsonNode value, SourceMap pmap, int shift, String file) {
            if (!node.isContainerNode() || value == null || !value.isContainerNode()) {
                return;
            }
            if (node.isObject()) {
                int i = 1;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); i++) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Position p = pmap.keyPosition(value, e.getKey());
                    if (p != null) {
                        set(node, i, shifted(p, shift), file);
                        graft(e.getValue(), value.get(e.getKey()), pmap, shift, file);
                    }
                }
            } else {
                for (int i = 0; i < node.size() && i < value.size(); i++) {
                    set(node, i + 1, shifted(pmap.locate(value, JsonPath.ROOT.index(i)), shift), file);
                    graft(node.get(i), value.get(i), pmap, shift, file);
                }
            }
        }

        void patches(Kustomization.Tree tree) {
            for (Kustomization k : tree.all) {
                for (Kustomization.Patch p : k.patches) {
                    String file = display.apply(p.file());
                    for (ParsedDocument d : docs(p)) {
                        if (p.json6902()) {
                            if (targets(p.target(), null)) {
                                json6902(d, p.columnShift(), file);
                            }
                        } else if (d.root().isObject() && targets(p.target(), d.root())) {
                            merge(object, d.root(), d.sourceMap(), p.columnShift(), file, true);
                        }
                    }
                }
            }
        }

        /** Whether a patch is meant for this object: its target selector, or the patch's own kind and name. */
        private boolean targets(JsonNode target, JsonNode patch) {
            String kind = object.path("kind").asText("");
            String name = object.path("metadata").path("name").asText("");
            if (target != null) {
                String tk = target.path("kind").asText("");
                String tn = target.path("name").asText("");
                return (tk.isEmpty() || tk.equals(kind)) && (tn.isEmpty() || nameMatches(tn, name));
            }
            if (patch == null) {
                return false;
            }
            String pk = patch.path("kind").asText("");
            String pn = patch.path("metadata").path("name").asText("");
            return (pk.isEmpty() || pk.equals(kind)) && (pn.isEmpty() || name.contains(pn));
        }

        private static boolean nameMatches(String pattern, String name) {
            if (name.contains(pattern)) {
                return true;
            }
            try {
                return Pattern.compile(pattern).matcher(name).find();
            } catch (PatternSyntaxException e) {
                return false;
            }
        }

        /** A strategic-merge patch: each field it writes with the value the object has, at the patch's line. */
        private void merge(JsonNode node, JsonNode patch, SourceMap pmap, int shift, String file, boolean top) {
            if (node.isObject() && patch.isObject()) {
                int i = 1;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); i++) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String key = e.getKey();
                    JsonNode pv = patch.get(key);
                    if (pv == null || top && (key.equals("apiVersion") || key.equals("kind"))) {
                        continue;
                    }
                    if (top && key.equals("metadata")) {
                        mergeMetadata(e.getValue(), pv, pmap, shift, file);
                        continue;
                    }
                    Position p = pmap.keyPosition(patch, key);
                    if (p == null) {
                        continue;
                    }
                    if (pv.isValueNode() ? sameScalar(e.getValue(), pv) : isUntraced(node, i)) {
                        set(node, i, shifted(p, shift), file);
                    }
                    merge(e.getValue(), pv, pmap, shift, file, false);
                }
            } else if (node.isArray() && patch.isArray()) {
                for (int j = 0; j < patch.size(); j++) {
                    int i = match(node, patch.get(j), -1);
                    if (i < 0) {
                        continue;
                    }
                    if (isUntraced(node, i + 1) || patch.get(j).isValueNode()) {
                        set(node, i + 1, shifted(pmap.locate(patch, JsonPath.ROOT.index(j)), shift), file);
                    }
                    merge(node.get(i), patch.get(j), pmap, shift, file, false);
                }
            }
        }

        /** A patch's metadata names its target; only its labels and annotations are written by it. */
        private void mergeMetadata(JsonNode node, JsonNode patch, SourceMap pmap, int shift, String file) {
            if (!node.isObject() || !patch.isObject()) {
                return;
            }
            int i = 1;
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); i++) {
                String key = it.next();
                if ((key.equals("labels") || key.equals("annotations")) && patch.has(key)) {
                    Position p = pmap.keyPosition(patch, key);
                    if (p != null && isUntraced(node, i)) {
                        set(node, i, shifted(p, shift), file);
                    }
                    merge(node.get(key), patch.get(key), pmap, shift, file, false);
                }
            }
        }

        /** JSON 6902 operations: the field at each {@code add}/{@code replace} path, when it holds the value written. */
        private void json6902(ParsedDocument d, int shift, String file) {
            JsonNode ops = d.root();
            if (!ops.isArray()) {
                return;
            }
            for (int n = 0; n < ops.size(); n++) {
                JsonNode op = ops.get(n);
                String kind = op.path("op").asText("");
                String path = op.path("path").asText(null);
                if (path == null || !(kind.equals("add") || kind.equals("replace") || kind.equals("copy") || kind.equals("move"))) {
                    continue;
                }
                JsonNode[] parent = new JsonNode[1];
                int slot = resolve(path, kind.equals("add"), parent);
                if (slot <= 0) {
                    continue;
                }
                JsonNode target = parent[0].isObject() ? fieldAt(parent[0], slot) : parent[0].get(slot - 1);
                SourceMap pmap = d.sourceMap();
                if (kind.equals("copy") || kind.equals("move")) {
                    Position p = pmap.keyPosition(op, "from");
                    set(parent[0], slot, shifted(p != null ? p : pmap.locate(ops, JsonPath.ROOT.index(n)), shift), file);
                    continue;
                }
                JsonNode value = op.get("value");
                if (!sameValue(target, value)) {
                    continue;
                }
                Position p = pmap.keyPosition(op, "value");
                set(parent[0], slot, shifted(p != null ? p : pmap.locate(ops, JsonPath.ROOT.index(n)), shift), file);
                graft(target, value, pmap, shift, file);
            }
        }

        private JsonNode fieldAt(JsonNode object, int slot) {
            Iterator<JsonNode> it = object.elements();
            JsonNode v = null;
            for (int i = 0; i < slot && it.hasNext(); i++) {
                v = it.next();
            }
            return v;
        }

        /**
         * The container and slot a JSON pointer names in the object ({@code -} and, for {@code add},
         * the index an item was inserted at), or 0 when it names nothing there.
         */
        private int resolve(String pointer, boolean add, JsonNode[] parent) {
            if (!pointer.startsWith("/")) {
                return 0;
            }
            String[] parts = pointer.substring(1).split("/", -1);
            JsonNode current = object;
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].replace("~1", "/").replace("~0", "~");
                boolean last = i == parts.length - 1;
                if (current.isObject()) {
                    if (!current.has(part)) {
                        return 0;
                    }
                    if (last) {
                        parent[0] = current;
                        int slot = 1;
                        for (Iterator<String> it = current.fieldNames(); it.hasNext(); slot++) {
                            if (it.next().equals(part)) {
                                return slot;
                            }
                        }
                        return 0;
                    }
                    current = current.get(part);
                } else if (current.isArray()) {
                    int index;
                    if (part.equals("-")) {
                        index = current.size() - 1;
                    } else {
                        try {
                            index = Integer.parseInt(part);
                        } catch (NumberFormatException e) {
                            return 0;
                        }
                    }
                    if (index < 0 || index >= current.size()) {
                        return 0;
                    }
                    if (last) {
                        parent[0] = current;
                        return index + 1;
                    }
                    current = current.get(index);
                } else {
                    return 0;
                }
            }
            return 0;
        }

        /** The kustomization fields that write fields of every object they build. */
        void transformers(Kustomization.Tree tree, JsonNode source) {
            JsonNode meta = object.path("metadata");
            for (Kustomization k : tree.all) {
                String file = display.apply(k.file);
                JsonNode ns = k.root.path("namespace");
                if (ns.isTextual() && sameScalar(meta.get("namespace"), ns) && untracedKey(meta, "namespace")) {
                    setKey(meta, "namespace", k.map.keyPosition(k.root, "namespace"), file);
                }
                for (String affix : List.of("namePrefix", "nameSuffix")) {
                    JsonNode a = k.root.path(affix);
                    String name = meta.path("name").asText("");
                    if (a.isTextual() && !a.asText().isEmpty() && untracedKey(meta, "name")
                            && (affix.equals("namePrefix") ? name.startsWith(a.asText()) : name.endsWith(a.asText()))) {
                        setKey(meta, "name", k.map.keyPosition(k.root, affix), file);
                    }
                }
                images(object, k, file);
                replicas(k, file);
                for (String field : List.of("commonLabels", "commonAnnotations")) {
                    JsonNode pairs = k.root.path(field);
                    if (pairs.isObject()) {
                        pairs(object, pairs, k.map, file, field.equals("commonLabels") ? "labels" : "annotations");
                    }
                }
                JsonNode labels = k.root.path("labels");
                for (JsonNode l : labels) {
                    if (l.path("pairs").isObject()) {
                        pairs(object, l.get("pairs"), k.map, file, "labels");
                    }
                }
            }
        }

        private boolean untracedKey(JsonNode object, String key) {
            int slot = slotOf(object, key);
            return slot > 0 && isUntraced(object, slot);
        }

        private void setKey(JsonNode object, String key, Position p, String file) {
            int slot = slotOf(object, key);
            if (slot > 0 && p != null) {
                set(object, slot, p, file);
            }
        }

        private static int slotOf(JsonNode object, String key) {
            if (object == null || !object.isObject()) {
                return 0;
            }
            int slot = 1;
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); slot++) {
                if (it.next().equals(key)) {
                    return slot;
                }
            }
            return 0;
        }

        /** {@code images:} entries: an image the overlay changed, at the entry whose name is the image's. */
        private void images(JsonNode node, Kustomization k, String file) {
            JsonNode images = k.root.path("images");
            if (!images.isArray() || images.isEmpty() || !node.isContainerNode()) {
                return;
            }
            if (node.isObject()) {
                JsonNode image = node.get("image");
                if (image != null && image.isTextual() && untracedKey(node, "image")) {
                    String repository = repository(image.asText());
                    for (int i = 0; i < images.size(); i++) {
                        JsonNode e = images.get(i);
                        if (repository.equals(e.path("newName").asText(null)) || repository.equals(e.path("name").asText(null))) {
                            JsonNode entry = e;
                            String key = entry.has("newTag") ? "newTag" : entry.has("digest") ? "digest"
                                    : entry.has("newName") ? "newName" : "name";
                            setKey(node, "image", k.map.keyPosition(entry, key), file);
                            break;
                        }
                    }
                }
            }
            for (JsonNode child : node) {
                images(child, k, file);
            }
        }

        private void replicas(Kustomization k, String file) {
            JsonNode spec = object.get("spec");
            JsonNode replicas = k.root.path("replicas");
            if (spec == null || !replicas.isArray() || !untracedKey(spec, "replicas")) {
                return;
            }
            String name = object.path("metadata").path("name").asText("");
            for (JsonNode r : replicas) {
                if (!r.path("name").asText("").isEmpty() && name.contains(r.path("name").asText())
                        && sameScalar(spec.get("replicas"), r.get("count"))) {
                    setKey(spec, "replicas", k.map.keyPosition(r, "count"), file);
                    return;
                }
            }
        }

        /** Labels or annotations a kustomization adds, wherever it adds them (selectors, templates). */
        private void pairs(JsonNode node, JsonNode pairs, SourceMap kmap, String file, String mapName) {
            if (!node.isContainerNode()) {
                return;
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    boolean labelMap = e.getKey().equals(mapName) || mapName.equals("labels")
                            && (e.getKey().equals("matchLabels") || e.getKey().equals("selector"));
                    if (labelMap && e.getValue().isObject()) {
                        for (Iterator<String> keys = pairs.fieldNames(); keys.hasNext(); ) {
                            String key = keys.next();
                            if (sameScalar(e.getValue().get(key), pairs.get(key)) && untracedKey(e.getValue(), key)) {
                                setKey(e.getValue(), key, kmap.keyPosition(pairs, key), file);
                            }
                        }
                    }
                }
            }
            for (JsonNode child : node) {
                pairs(child, pairs, kmap, file, mapName);
            }
        }

        /** An object a generator made: at the generator's entry, each data key at the entry that wrote it. */
        void generated(Kustomization k, String by) {
            String list = by.equals("SecretGenerator") ? "secretGenerator" : "configMapGenerator";
            JsonNode entries = k.root.path(list);
            String name = object.path("metadata").path("name").asText("");
            int best = -1;
            int bestLength = -1;
            for (int i = 0; i < entries.size(); i++) {
                String n = entries.get(i).path("name").asText("");
                if (!n.isEmpty() && name.contains(n) && n.length() > bestLength) {
                    best = i;
                    bestLength = n.length();
                }
            }
            String file = display.apply(k.file);
            if (best < 0) {
                place(object, null, null, k.map == null ? Position.START : k.map.locate(k.root, JsonPath.ROOT), false);
                return;
            }
            JsonNode entry = entries.get(best);
            Position at = k.map.locate(k.root, JsonPath.of(list).index(best));
            place(object, null, null, at, false);
            for (String dataKey : List.of("data", "stringData", "binaryData")) {
                JsonNode data = object.get(dataKey);
                if (data == null || !data.isObject()) {
                    continue;
                }
                int slot = 1;
                for (Iterator<String> it = data.fieldNames(); it.hasNext(); slot++) {
                    String key = it.next();
                    Position p = sourceOf(entry, key, k.map);
                    if (p != null) {
                        set(data, slot, p, file);
                    }
                }
            }
        }

        /** The literal or file of a generator entry that wrote data key {@code key}. */
        private Position sourceOf(JsonNode entry, String key, SourceMap kmap) {
            for (String field : List.of("literals", "files")) {
                JsonNode list = entry.path(field);
                for (int i = 0; i < list.size(); i++) {
                    String v = list.get(i).asText("");
                    int eq = v.indexOf('=');
                    String k = eq >= 0 ? v.substring(0, eq) : Path.of(v).getFileName() == null ? v
                            : Path.of(v).getFileName().toString();
                    if (k.equals(key)) {
                        return kmap.locate(entry, JsonPath.of(field).index(i));
                    }
                }
            }
            for (String field : List.of("envs", "env")) {
                if (entry.has(field)) {
                    return kmap.keyPosition(entry, field);
                }
            }
            return null;
        }
    }

    private static Position shifted(Position p, int shift) {
        return shift == 0 ? p : new Position(p.line(), p.column() + shift);
    }

    /** The image's name without tag or digest, as {@code images:} entries name it. */
    static String repository(String image) {
        String s = image;
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            s = s.substring(0, colon);
        }
        return s;
    }
}
