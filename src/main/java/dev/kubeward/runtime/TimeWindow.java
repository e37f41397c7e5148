package dev.kubeward.runtime;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --since} and {@code --until}: the events whose request was received in [since, until).
 * An event without a readable time is outside any window that has a bound.
 */
public record TimeWindow(Instant since, Instant until) {
    public static final TimeWindow ALL = new TimeWindow(null, null);

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    public boolean bounded() {
        return since != null || until != null;
    }

    public boolean contains(AuditEvent e) {
        if (!bounded()) {
            return true;
        }
        Instant t = e.instant();
        if (t == null) {
            return false;
        }
        return (since == null || !t.isBefore(since)) && (until == null || t.isBefore(until));
    }

    /**
     * An RFC 3339 time ({@code 2026-11-30T10:00:00Z}) or a duration before {@code now}, written as
     * kubectl's {@code --since} takes it ({@code 90m}, {@code 1h30m}, {@code 2d}).
     *
     * @throws IllegalArgumentException with a sentence for the user
     */
    public static Instant parse(String text, Instant now) {
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notATime) {
            // a duration, then
        }
        Matcher m = DURATION.matcher(t.toLowerCase(Locale.ROOT));
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            long millis = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            };
            d = d.plusMillis(Math.round(n * millis));
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            throw new IllegalArgumentException("'" + text + "' is neither an RFC 3339 time (2026-11-30T10:00:00Z) nor a "
                    + "duration (90m, 1h30m, 2d)");
        }
        return now.minus(d);
    }
}
