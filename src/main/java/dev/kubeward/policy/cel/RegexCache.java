package dev.kubeward.policy.cel;

import com.google.re2j.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled RE2 patterns by source, bounded, shared by all evaluations: policies match the same
 * few patterns against every object, and the library functions take the pattern as a string.
 */
final class RegexCache {
    private RegexCache() {}

    private static final int MAX = 512;
    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > MAX;
        }
    };

    static Pattern compile(String re) {
        synchronized (CACHE) {
            Pattern p = CACHE.get(re);
            if (p != null) {
                return p;
            }
        }
        Pattern p = Pattern.compile(re);
        synchronized (CACHE) {
            CACHE.put(re, p);
        }
        return p;
    }
}
