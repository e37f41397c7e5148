package dev.kubeward.netpol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of port numbers in 1..65535, kept as sorted, disjoint, non-adjacent closed
 * intervals. Policies usually name a handful of ports, so a flat int array of bounds is both
 * compact and fast to intersect.
 */
public final class PortSet {
    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;

    public static final PortSet EMPTY = new PortSet(new int[0]);
    public static final PortSet ALL = new PortSet(new int[] {MIN_PORT, MAX_PORT});

    /** bounds[2i] .. bounds[2i+1] inclusive, strictly increasing with gaps between intervals. */
    private final int[] bounds;

    private PortSet(int[] bounds) {
        this.bounds = bounds;
    }

    public static PortSet of(int port) {
        return range(port, port);
    }

    /** The closed interval [from, to], clipped to the valid port range; empty when from > to. */
    public static PortSet range(int from, int to) {
        int lo = Math.max(from, MIN_PORT);
        int hi = Math.min(to, MAX_PORT);
        if (lo > hi) {
            return EMPTY;
        }
        if (lo == MIN_PORT && hi == MAX_PORT) {
            return ALL;
        }
        return new PortSet(new int[] {lo, hi});
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    public boolean isAll() {
        return bounds.length == 2 && bounds[0] == MIN_PORT && bounds[1] == MAX_PORT;
    }

    public boolean contains(int port) {
        for (int i = 0; i < bounds.length; i += 2) {
            if (port < bounds[i]) {
                return false;
            }
            if (port <= bounds[i + 1]) {
                return true;
            }
        }
        return false;
    }

    public PortSet union(PortSet other) {
        if (other.isEmpty() || this.isAll()) {
            return this;
        }
        if (this.isEmpty() || other.isAll()) {
            return other;
        }
        int[] merged = new int[bounds.length + other.bounds.length];
        int count = 0;
        int i = 0;
        int j = 0;
        while (i < bounds.length || j < other.bounds.length) {
            int lo;
            int hi;
            if (j >= other.bounds.length || (i < bounds.length && bounds[i] <= other.bounds[j])) {
                lo = bounds[i];
                hi = bounds[i + 1];
                i += 2;
            } else {
                lo = other.bounds[j];
                hi = other.bounds[j + 1];
                j += 2;
            }
            // Merge overlapping or adjacent intervals so the representation stays canonical.
            if (count > 0 && lo <= merged[count - 1] + 1) {
                merged[count - 1] = Math.max(merged[count - 1], hi);
            } else {
                merged[count++] = lo;
                merged[count++] = hi;
            }
        }
        return canonical(Arrays.copyOf(merged, count));
    }

    public PortSet intersect(PortSet other) {
        if (this.isEmpty() || other.isAll()) {
            return this;
        }
        if (other.isEmpty() || this.isAll()) {
            return other;
        }
        int[] out = new int[bounds.length + other.bounds.length];
        int count = 0;
        int i = 0;
        int j = 0;
        while (i < bounds.length && j < other.bounds.length) {
            int lo = Math.max(bounds[i], other.bounds[j]);
            int hi = Math.min(bounds[i + 1], other.bounds[j + 1]);
            if (lo <= hi) {
                out[count++] = lo;
                out[count++] = hi;
            }
            if (bounds[i + 1] < other.bounds[j + 1]) {
                i += 2;
            } else {
                j += 2;
            }
        }
        return canonical(Arrays.copyOf(out, count));
    }

    public PortSet complement() {
        List<Integer> out = new ArrayList<>();
        int next = MIN_PORT;
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i] > next) {
                out.add(next);
                out.add(bounds[i] - 1);
            }
            next = bounds[i + 1] + 1;
        }
        if (next <= MAX_PORT) {
            out.add(next);
            out.add(MAX_PORT);
        }
        return canonical(out.stream().mapToInt(Integer::intValue).toArray());
    }

    public PortSet subtract(PortSet other) {
        return intersect(other.complement());
    }

    private static PortSet canonical(int[] bounds) {
        if (bounds.length == 0) {
            return EMPTY;
        }
        if (bounds.length == 2 && bounds[0] == MIN_PORT && bounds[1] == MAX_PORT) {
            return ALL;
        }
        return new PortSet(bounds);
    }

    /** Renders like "53", "1-79,81-65535": comma-separated values and dash ranges. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < bounds.length; i += 2) {
            if (i > 0) {
                text.append(',');
            }
            text.append(bounds[i]);
            if (bounds[i + 1] != bounds[i]) {
                text.append('-').append(bounds[i + 1]);
            }
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortSet other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }
}
