package dev.kubeward.image.version;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers parsed versions: a lookup compares the same package version with every event of every
 * range, and sorting a range's events compares each several times. Bounded: when full it starts
 * again. Parsing is pure, so a cached answer is the answer.
 */
final class ParseCache<T> {
    private static final int LIMIT = 1 << 16;
    private final ConcurrentHashMap<String, T> map = new ConcurrentHashMap<>();
    private final Function<String, T> parse;

    ParseCache(Function<String, T> parse) {
        this.parse = parse;
    }

    T get(String version) {
        T v = map.get(version);
        if (v == null) {
            v = parse.apply(version);
            if (map.size() >= LIMIT) {
                map.clear();
            }
            map.put(version, v);
        }
        return v;
    }
}
