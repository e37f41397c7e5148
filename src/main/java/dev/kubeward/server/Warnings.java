package dev.kubeward.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * AdmissionReview warnings within the API server's limits (k8s.io/apiserver/pkg/endpoints/filters
 * warning.go): the API server turns each into a {@code Warning} header, drops duplicates, and once
 * the total passes 4096 characters cuts every warning to 256. Warnings are written here already
 * within both limits, one line each (a header cannot hold a line break), so that what kubectl
 * prints is what kubeward wrote; what does not fit is counted in a last warning.
 */
public final class Warnings {
    public static final int MAX_ITEM = 256;
    public static final int MAX_TOTAL = 4096;

    private final Set<String> items = new LinkedHashSet<>();

    public void add(String warning) {
        String w = oneLine(warning);
        if (!w.isEmpty()) {
            items.add(cut(w, MAX_ITEM));
        }
    }

    public List<String> list() {
        List<String> out = new ArrayList<>();
        int total = 0;
        int left = items.size();
        for (String w : items) {
            int n = w.codePointCount(0, w.length());
            // Room for the note about the rest, should another one not fit.
            if (total + n > MAX_TOTAL - 64 && left > 1 || total + n > MAX_TOTAL) {
                out.add("kubeward: " + left + " more warning" + (left == 1 ? "" : "s") + " not shown (the API server's limit)");
                return out;
            }
            out.add(w);
            total += n;
            left--;
        }
        return out;
    }

    static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return b.toString().trim();
    }

    /** At most {@code max} characters (code points), with an ellipsis when cut. */
    static String cut(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        int end = s.offsetByCodePoints(0, max - 1);
        return s.substring(0, end) + "…";
    }
}
