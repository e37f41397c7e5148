package dev.kubeward.netpol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compares two connectivity lists pair by pair. */
public final class ConnectivityDiff {
    private ConnectivityDiff() {
    }

    /** Changed, added and removed pairs of {@code after} relative to {@code before}, sorted by type then pair. */
    public static List<DiffEntry> diff(List<Connection> before, List<Connection> after) {
        Map<List<String>, ConnectionSet> old = index(before);
        Map<List<String>, ConnectionSet> updated = index(after);
        List<DiffEntry> entries = new ArrayList<>();
        for (Map.Entry<List<String>, ConnectionSet> entry : updated.entrySet()) {
            ConnectionSet previous = old.get(entry.getKey());
            String src = entry.getKey().get(0);
            String dst = entry.getKey().get(1);
            if (previous == null) {
                entries.add(new DiffEntry(DiffEntry.Type.ADDED, src, dst, ConnectionSet.NONE, entry.getValue()));
            } else if (!previous.equals(entry.getValue())) {
                entries.add(new DiffEntry(DiffEntry.Type.CHANGED, src, dst, previous, entry.getValue()));
            }
        }
        for (Map.Entry<List<String>, ConnectionSet> entry : old.entrySet()) {
            if (!updated.containsKey(entry.getKey())) {
                entries.add(new DiffEntry(DiffEntry.Type.REMOVED, entry.getKey().get(0), entry.getKey().get(1),
                        entry.getValue(), ConnectionSet.NONE));
            }
        }
        Collections.sort(entries);
        return entries;
    }

    /** Pairs to connections; a pair listed twice has its sets unioned rather than silently overwritten. */
    private static Map<List<String>, ConnectionSet> index(List<Connection> connections) {
        Map<List<String>, ConnectionSet> byPair = new LinkedHashMap<>();
        for (Connection connection : connections) {
            if (!connection.conns().isEmpty()) {
                byPair.merge(List.of(connection.src(), connection.dst()), connection.conns(), ConnectionSet::union);
            }
        }
        return byPair;
    }
}
