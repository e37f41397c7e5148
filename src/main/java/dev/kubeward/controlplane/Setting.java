package dev.kubeward.controlplane;

import dev.kubeward.model.JsonPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The value a component runs with for one flag: written on its command line (with where), or
 * its default (no path).
 *
 * @param elements for list and map flags, each element with the path of the occurrence that
 *     wrote it; a scalar has one element
 * @param path where the winning occurrence was written; null for a default
 */
public record Setting(String name, FlagKind kind, List<Element> elements, JsonPath path) {

    /** One element of a list value, or the whole of a scalar one. */
    public record Element(String value, JsonPath path) {}

    public Setting {
        elements = List.copyOf(elements);
    }

    public static Setting defaulted(String name, FlagKind kind, String value) {
        List<Element> elements = new ArrayList<>();
        for (String v : split(kind, value)) {
            elements.add(new Element(v, null));
        }
        return new Setting(name, kind, elements, null);
    }

    public boolean isDefault() {
        return path == null;
    }

    /** The value as one string: list elements joined by commas; empty for an empty list. */
    public String value() {
        return String.join(",", elements.stream().map(Element::value).toList());
    }

    public List<String> values() {
        return elements.stream().map(Element::value).toList();
    }

    public boolean contains(String element) {
        return values().contains(element);
    }

    /** Where {@code element} was written, or null. */
    public JsonPath pathOf(String element) {
        for (Element e : elements) {
            if (e.value().equals(element)) {
                return e.path();
            }
        }
        return null;
    }

    /** Go's strconv.ParseBool, which every component uses; empty for text it would reject. */
    public Optional<Boolean> bool() {
        return parseBool(value());
    }

    public static Optional<Boolean> parseBool(String text) {
        return switch (text) {
            case "1", "t", "T", "true", "TRUE", "True" -> Optional.of(true);
            case "0", "f", "F", "false", "FALSE", "False" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** For --feature-gates: each gate's value, keys in the order written. */
    public Map<String, String> entries() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element e : elements) {
            int eq = e.value().indexOf('=');
            if (eq > 0) {
                out.put(e.value().substring(0, eq).strip(), e.value().substring(eq + 1).strip());
            }
        }
        return out;
    }

    /** Where a map key was last written, or null. */
    public JsonPath pathOfKey(String key) {
        JsonPath found = null;
        for (Element e : elements) {
            if (e.value().startsWith(key + "=")) {
                found = e.path();
            }
        }
        return found;
    }

    static List<String> split(FlagKind kind, String value) {
        if (value == null) {
            return List.of("true");
        }
        if (kind == FlagKind.LIST || kind == FlagKind.REPLACING_LIST || kind == FlagKind.MAP) {
            List<String> out = new ArrayList<>();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
            return out;
        }
        return List.of(value);
    }

    @Override
    public String toString() {
        return "--" + name + "=" + value() + (isDefault() ? " (default)" : "");
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
