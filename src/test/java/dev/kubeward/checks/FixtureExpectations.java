package dev.kubeward.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the expectations a fixture carries beside its lines: {@code # expect: check-id} at the
 * end of a line means a finding of that check on that line; on a line of its own, on the next
 * line that is not a comment. Several ids may be comma-separated, and {@code id@severity}
 * also pins the finding's severity.
 */
public final class FixtureExpectations {
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*([a-z0-9@,\\s-]+)$");

    public record Expected(String checkId, String severity, int line) {
        public String key() {
            return checkId + (severity == null ? "" : "@" + severity) + " at line " + line;
        }
    }

    private FixtureExpectations() {}

    public static List<Expected> parse(String text) {
        String[] lines = text.split("\n", -1);
        List<Expected> out = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            Matcher m = EXPECT.matcher(line);
            boolean fullLineComment = trimmed.startsWith("#");
            if (m.find()) {
                List<String> ids = ids(m.group(1));
                if (fullLineComment) {
                    pending.addAll(ids);
                    continue;
                }
                for (String id : ids) {
                    out.add(expected(id, i + 1));
                }
            }
            if (!fullLineComment && !trimmed.isEmpty() && !pending.isEmpty()) {
                for (String id : pending) {
                    out.add(expected(id, i + 1));
                }
                pending.clear();
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalArgumentException("'# expect:' with no line after it: " + pending);
        }
        return out;
    }

    private static List<String> ids(String group) {
        List<String> ids = new ArrayList<>();
        for (String s : group.split(",")) {
            if (!s.isBlank()) {
                ids.add(s.strip());
            }
        }
        return ids;
    }

    private static Expected expected(String spec, int line) {
        int at = spec.indexOf('@');
        return at < 0 ? new Expected(spec, null, line) : new Expected(spec.substring(0, at), spec.substring(at + 1), line);
    }
}
