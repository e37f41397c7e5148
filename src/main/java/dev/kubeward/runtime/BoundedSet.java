package dev.kubeward.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/** A set that forgets its oldest entries past a capacity: memory stays bounded on an endless stream. */
final class BoundedSet {
    private final LinkedHashMap<String, Boolean> map;

    BoundedSet(int capacity) {
        this.map = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Adds the key; false when it was there already. */
    boolean add(String key) {
        return map.putIfAbsent(key, Boolean.TRUE) == null;
    }

    int size() {
        return map.size();
    }
}
