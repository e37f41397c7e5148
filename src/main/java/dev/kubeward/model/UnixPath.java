package dev.kubeward.model;

import java.util.ArrayDeque;
import java.util.Deque;

/** The one lexical normaliser of Unix paths, for host paths of pods and paths inside images alike. */
public final class UnixPath {
    private UnixPath() {}

    /**
     * The clean absolute form: {@code //}, {@code .} and {@code ..} collapsed as the kernel resolves
     * them (symbolic links aside), a {@code ..} above the root staying at the root, as containerd's
     * securejoin confines a layer's entries; relative paths are taken from the root. The root itself is {@code /}.
     * {@code ./usr/lib/../bin/} → {@code /usr/bin}.
     */
    public static String clean(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }
}
