package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Where every field of a parsed document stands in its file.
 *
 * <p>Positions are stored on the containers, keyed by node identity: each object keeps the
 * positions of its keys in field order, each array the positions of its elements, as one
 * {@code long[]} whose slot 0 is the container's own start. Keeping them on the container rather
 * than on the value matters: Jackson shares value nodes such as {@code true} or small integers,
 * and an object flattened out of a {@code kind: List} keeps its positions without re-rooting.
 * Packed longs rather than maps of records keep a 20,000-object scan's retained heap small;
 * lookups happen only when a finding is reported, so a linear search over a few keys is fine.
 */
public final class SourceMap {
    private final Map<JsonNode, long[]> positions = new IdentityHashMap<>();
    /** Slots written in another file, or with a note ({@link #recordElsewhere}): {file, note} by slot; rare. */
    private Map<JsonNode, String[][]> elsewhere;
    private String note;

    public static long pack(Position p) {
        return ((long) p.line() << 32) | (p.column() & 0xffffffffL);
    }

    public static Position unpack(long packed) {
        return new Position((int) (packed >>> 32), (int) packed);
    }

    /**
     * Records an object once all its keys are known.
     *
     * @param keyPositions the position of each key of {@code object}, by key
     */
    public void recordObject(JsonNode object, Position start, Map<String, Long> keyPositions) {
        long[] slots = new long[object.size() + 1];
        slots[0] = pack(start);
        int i = 1;
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); i++) {
            Long p = keyPositions.get(it.next());
            slots[i] = p == null ? slots[0] : p;
        }
        positions.put(object, slots);
    }

    /**
     * Records a container with its slots as they are kept: slot 0 its start, then the position
     * of each key in field order (an object) or of each element (an array), packed. The array is
     * kept, not copied.
     */
    public void recordSlots(JsonNode container, long[] slots) {
        positions.put(container, slots);
    }

    /** Records an array with the positions of its elements, in order. */
    public void recordArray(JsonNode array, Position start, long[] elementPositions) {
        long[] slots = new long[elementPositions.length + 1];
        slots[0] = pack(start);
        System.arraycopy(elementPositions, 0, slots, 1, elementPositions.length);
        positions.put(array, slots);
    }

    /** Records an array with the positions of its elements, in order (for readers that build objects first). */
    public void recordElements(JsonNode array, Position[] elementPositions) {
        long[] packed = new long[elementPositions.length];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = pack(elementPositions[i] == null ? Position.START : elementPositions[i]);
        }
        long[] old = positions.get(array);
        recordArray(array, old == null ? (elementPositions.length > 0 && elementPositions[0] != null
                ? elementPositions[0] : Position.START) : unpack(old[0]), packed);
    }

    /**
     * Records one key of an object that already holds it (for readers that build objects first).
     * Field order never changes once a key is added, so slots stay valid as the object grows.
     */
    public void recordKey(JsonNode object, String key, Position position) {
        int index = 1;
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); index++) {
            if (it.next().equals(key)) {
                long[] slots = positions.get(object);
                if (slots == null || slots.length < object.size() + 1) {
                    long start = slots == null ? pack(position) : slots[0];
                    long[] grown = new long[object.size() + 1];
                    java.util.Arrays.fill(grown, start);
                    if (slots != null) {
                        System.arraycopy(slots, 0, grown, 0, slots.length);
                    }
                    slots = grown;
                    positions.put(object, slots);
                }
                slots[index] = pack(position);
                return;
            }
        }
    }

    /** Records where a node starts, when nothing is known of it yet (a scalar document root). */
    public void recordStart(JsonNode node, Position start) {
        positions.putIfAbsent(node, new long[] {pack(start)});
    }

    /** Where {@code key} of {@code object} was written, or null. */
    public Position keyPosition(JsonNode object, String key) {
        long[] slots = positions.get(object);
        if (slots == null || !object.isObject()) {
            return null;
        }
        int i = 1;
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); i++) {
            if (it.next().equals(key)) {
                return i < slots.length ? unpack(slots[i]) : null;
            }
        }
        return null;
    }

    /**
     * The position of {@code path} below {@code root}; when the path does not exist (a field
     * that is missing), the position of the deepest part of it that does.
     */
    public Position locate(JsonNode root, JsonPath path) {
        return locate(null, root, path).position();
    }

    /**
     * Where {@code path} below {@code root} was written: its position, and the file when that is not
     * the document's own (a field a Kustomize patch set), with a note when the place is not the one
     * that wrote the field ({@link #recordElsewhere}, {@link #noteAll}).
     *
     * @param file the document's own file
     */
    public Location locate(String file, JsonNode root, JsonPath path) {
        long[] rootSlots = positions.get(root);
        Position best = rootSlots == null ? Position.START : unpack(rootSlots[0]);
        JsonNode bestContainer = root;
        int bestSlot = 0;
        JsonNode current = root;
        for (Object segment : path.segments()) {
            if (segment instanceof Integer i) {
                if (!current.isArray() || i >= current.size()) {
                    break;
                }
                long[] slots = positions.get(current);
                if (slots != null && i + 1 < slots.length) {
                    best = unpack(slots[i + 1]);
                    bestContainer = current;
                    bestSlot = i + 1;
                }
                current = current.path(i);
            } else {
                String key = (String) segment;
                if (!current.isObject() || !current.has(key)) {
                    break;
                }
                int slot = keySlot(current, key);
                if (slot > 0) {
                    best = unpack(positions.get(current)[slot]);
                    bestContainer = current;
                    bestSlot = slot;
                }
                current = current.get(key);
            }
        }
        String[][] other = elsewhere == null ? null : elsewhere.get(bestContainer);
        String[] at = other == null || bestSlot >= other.length ? null : other[bestSlot];
        if (at == null) {
            return new Location(file, best, note);
        }
        return new Location(at[0] == null ? file : at[0], best, at[1] != null ? at[1] : note);
    }

    /**
     * The position recorded in slot {@code slot} of {@code container} (0: its start, then its keys
     * in field order or its elements), or null when none is.
     */
    public Position slot(JsonNode container, int slot) {
        long[] slots = positions.get(container);
        return slots == null || slot < 0 || slot >= slots.length ? null : unpack(slots[slot]);
    }

    /** The slot of {@code key} in {@code object}'s positions, or 0 when none is recorded. */
    private int keySlot(JsonNode object, String key) {
        long[] slots = positions.get(object);
        if (slots == null) {
            return 0;
        }
        int i = 1;
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); i++) {
            if (it.next().equals(key)) {
                return i < slots.length ? i : 0;
            }
        }
        return 0;
    }

    /**
     * Says that slot {@code slot} of {@code container} (0: the container itself, then its keys in
     * field order or its elements) was written in another file, or that its position is not where
     * the field was written.
     *
     * @param file the file, or null for the document's own
     * @param note what to tell about the place, or null
     */
    public void recordElsewhere(JsonNode container, int slot, String file, String note) {
        if (elsewhere == null) {
            elsewhere = new IdentityHashMap<>();
        }
        String[][] slots = elsewhere.computeIfAbsent(container, c -> new String[c.size() + 1][]);
        if (slot >= slots.length) {
            slots = java.util.Arrays.copyOf(slots, slot + 1);
            elsewhere.put(container, slots);
        }
        slots[slot] = new String[] {file, note};
    }

    /**
     * Every position of this document is qualified by {@code note} (the lines of a rendered
     * document that no template line could be found for, say), unless a slot says otherwise.
     */
    public void noteAll(String note) {
        this.note = note;
    }
}
