package dev.kubeward.image.oci;

import java.util.ArrayDeque;
import java.util.Deque;

/** The clean absolute form of a path in an image, as a runtime extracting a layer confines it to the root. */
public final class Paths {
    private Paths() {}

    /**
     * {@code ./usr/lib/../bin/} → {@code /usr/bin}; a {@code ..} above the root stays at the root
     * (as containerd's securejoin confines it), so a hostile entry cannot name a path outside.
     * The root itself is {@code /}.
     */
    public static String clean(String name) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : name.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        if (parts.isEmpty()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append('/').append(p);
        }
        return sb.toString();
    }

    /** The directory of a clean path ({@code /} for a top-level one). */
    public static String parent(String clean) {
        int slash = clean.lastIndexOf('/');
        return slash <= 0 ? "/" : clean.substring(0, slash);
    }

    /** The last part of a clean path. */
    public static String fileName(String clean) {
        return clean.substring(clean.lastIndexOf('/') + 1);
    }

    /** {@code target} of a symbolic link at {@code link}, as a clean absolute path (an absolute target is from the root). */
    public static String resolveLink(String link, String target) {
        return target.startsWith("/") ? clean(target) : clean(parent(link) + "/" + target);
    }
}
