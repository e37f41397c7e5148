package dev.kubeward.netpol;

/**
 * One line of a connectivity diff. {@code before}/{@code after} are "No Connections" on the side
 * where the pair had none.
 */
public record DiffEntry(Type type, String src, String dst, ConnectionSet before, ConnectionSet after)
        implements Comparable<DiffEntry> {

    /** How the pair's connections changed, in the words netpol-analyzer's diff uses. */
    public enum Type {
        CHANGED("changed"), ADDED("added"), REMOVED("removed");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public int compareTo(DiffEntry other) {
        int byType = type.compareTo(other.type);
        if (byType != 0) {
            return byType;
        }
        int bySource = src.compareTo(other.src);
        return bySource != 0 ? bySource : dst.compareTo(other.dst);
    }

    @Override
    public String toString() {
        return "diff-type: " + type.label() + ", source: " + src + ", destination: " + dst
                + ", dir1: " + before + ", dir2: " + after;
    }
}
