package dev.kubeward.image.vuln;

import dev.kubeward.image.version.InvalidVersionException;
import dev.kubeward.image.version.VersionOrdering;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The OSV schema's evaluation ("Evaluation" in ossf/osv-schema docs/schema.md), to the letter:
 * a version is affected when it is listed in {@code versions} or lies in a range; for a range, the
 * version must be below one of its {@code limit}s (an implicit {@code *} when there is none), and
 * then its events, sorted by version ({@code introduced: 0} first), are walked: an
 * {@code introduced} at or below the version makes it vulnerable, a {@code fixed} at or below it
 * not, a {@code last_affected} below it not. Events of equal versions keep the record's order.
 */
final class Evaluation {
    private Evaluation() {}

    /**
     * Whether a range contains the version, and the fix that ends the span it lies in.
     *
     * @param fixed the {@code fixed} event after the span, null when the span is open or ends at a
     *              {@code last_affected}
     */
    record Hit(boolean affected, String fixed) {
        static final Hit NO = new Hit(false, null);
    }

    static boolean isZero(OsvRecord.Event e) {
        return e.kind() == OsvRecord.EventKind.INTRODUCED && e.version().equals("0");
    }

    /**
     * Evaluates one range.
     *
     * @throws InvalidVersionException when an event version is not one of the ordering's versions
     */
    static Hit range(VersionOrdering order, String v, OsvRecord.Range range) {
        if (!beforeLimits(order, v, range)) {
            return Hit.NO;
        }
        List<OsvRecord.Event> events = new ArrayList<>();
        for (OsvRecord.Event e : range.events()) {
            if (e.kind() != OsvRecord.EventKind.LIMIT) {
                events.add(e);
            }
        }
        Comparator<OsvRecord.Event> byVersion = (a, b) -> {
            boolean az = isZero(a);
            boolean bz = isZero(b);
            if (az || bz) {
                return az && bz ? 0 : az ? -1 : 1;
            }
            return order.compare(a.version(), b.version());
        };
        events.sort(byVersion);
        boolean vulnerable = false;
        int opened = -1;
        for (int i = 0; i < events.size(); i++) {
            OsvRecord.Event e = events.get(i);
            switch (e.kind()) {
                case INTRODUCED -> {
                    if (isZero(e) || order.compare(v, e.version()) >= 0) {
                        vulnerable = true;
                        opened = i;
                    }
                }
                case FIXED -> {
                    if (order.compare(v, e.version()) >= 0) {
                        vulnerable = false;
                    }
                }
                case LAST_AFFECTED -> {
                    if (order.compare(v, e.version()) > 0) {
                        vulnerable = false;
                    }
                }
                default -> { }
            }
        }
        if (!vulnerable) {
            return Hit.NO;
        }
        String fixed = null;
        for (int i = opened + 1; i < events.size(); i++) {
            OsvRecord.Event e = events.get(i);
            if (e.kind() == OsvRecord.EventKind.FIXED) {
                fixed = e.version();
                break;
            }
            if (e.kind() == OsvRecord.EventKind.LAST_AFFECTED) {
                break;
            }
        }
        return new Hit(true, fixed);
    }

    private static boolean beforeLimits(VersionOrdering order, String v, OsvRecord.Range range) {
        boolean any = false;
        for (OsvRecord.Event e : range.events()) {
            if (e.kind() == OsvRecord.EventKind.LIMIT) {
                any = true;
                if (e.version().contains("*") || order.compare(v, e.version()) < 0) {
                    return true;
                }
            }
        }
        return !any;
    }
}
