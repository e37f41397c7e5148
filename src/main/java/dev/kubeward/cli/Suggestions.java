package dev.kubeward.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" for a mistyped name: only names that are actually close. A name is close when it
 * is a few edits away (a transposition counts as one edit, so {@code sacn} is one edit from
 * {@code scan}; at most 1 edit for names of up to 4 letters, 2 up to 8, 3 beyond), or when what
 * was typed is one or more whole words of it ({@code privileged} of {@code privileged-container})
 * or its beginning (at least 3 letters). Nothing is suggested when nothing is close.
 */
final class Suggestions {
    static final int MAX = 3;

    private Suggestions() {}

    /** The close names, closest first, at most {@link #MAX}. */
    static List<String> closest(String typed, Collection<String> names) {
        String t = typed.toLowerCase(Locale.ROOT).strip();
        record Scored(String name, int score) {}
        List<Scored> scored = new ArrayList<>();
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT);
            if (t.isEmpty() || n.equals(t)) {
                continue;
            }
            int d = distance(t, n);
            if (d <= allowedEdits(Math.max(t.length(), 1))) {
                scored.add(new Scored(name, d));
            } else if (containsWords(n, t) || (t.length() >= 3 && n.startsWith(t))) {
                // Ranked after every typo match; shorter names are the likelier meaning.
                scored.add(new Scored(name, 100 + n.length() - t.length()));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::name));
        return scored.stream().limit(MAX).map(Scored::name).toList();
    }

    /** "; did you mean 'x'?" or "; did you mean 'x', 'y' or 'z'?", or "" when nothing is close. */
    static String didYouMean(String typed, Collection<String> names) {
        List<String> close = closest(typed, names);
        if (close.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("; did you mean ");
        for (int i = 0; i < close.size(); i++) {
            sb.append(i == 0 ? "" : i == close.size() - 1 ? " or " : ", ").append('\'').append(close.get(i)).append('\'');
        }
        return sb.append('?').toString();
    }

    static int allowedEdits(int length) {
        return length <= 4 ? 1 : length <= 8 ? 2 : 3;
    }

    /** True when {@code typed} is a run of whole dash-separated words of {@code name}. */
    private static boolean containsWords(String name, String typed) {
        String n = "-" + name.replace('_', '-') + "-";
        return typed.length() >= 3 && n.contains("-" + typed.replace('_', '-') + "-");
    }

    /** Optimal string alignment distance: Levenshtein plus the transposition of two neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
