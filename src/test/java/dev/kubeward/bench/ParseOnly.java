package dev.kubeward.bench;

import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.util.List;

/**
 * The baseline of the scan benchmark: only read and parse the files (with positions, as a scan
 * does), no checks and no report. Usage: {@code ParseOnly DIR}.
 */
public final class ParseOnly {
    private ParseOnly() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        LoadResult r = new ManifestLoader().load(List.of(args[0]));
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("parsed " + r.resources().size() + " objects in " + r.files() + " files in " + ms + " ms ("
                + r.errors().size() + " errors)");
    }
}
