package dev.kubeward.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Every check kubeward knows, found through {@link ServiceLoader}, in id order. */
public final class CheckRegistry {
    public record Entry(CheckMeta meta, Check check) {}

    private final Map<String, Entry> byId;

    public CheckRegistry(List<Check> checks) {
        List<Entry> entries = new ArrayList<>();
        for (Check c : checks) {
            entries.add(new Entry(CheckMeta.of(c.getClass()), c));
        }
        entries.sort(Comparator.comparing(e -> e.meta().id()));
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (map.put(e.meta().id(), e) != null) {
                throw new IllegalStateException("two checks share the id " + e.meta().id());
            }
        }
        this.byId = Collections.unmodifiableMap(map);
    }

    /** The built-in checks (and any on the class path that register themselves). */
    public static CheckRegistry builtIn() {
        List<Check> checks = new ArrayList<>();
        ServiceLoader.load(Check.class, CheckRegistry.class.getClassLoader()).forEach(checks::add);
        return new CheckRegistry(checks);
    }

    /** The checks whose metadata passes {@code filter}, for doors that run only some of them. */
    public CheckRegistry only(java.util.function.Predicate<CheckMeta> filter) {
        return new CheckRegistry(byId.values().stream().filter(e -> filter.test(e.meta())).map(Entry::check).toList());
    }

    public List<Entry> entries() {
        return List.copyOf(byId.values());
    }

    public Optional<Entry> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public java.util.Set<String> ids() {
        return byId.keySet();
    }
}
