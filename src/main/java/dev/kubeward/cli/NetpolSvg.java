package dev.kubeward.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Renders dot text to SVG with Graphviz's {@code dot -Tsvg}, found on the PATH. */
final class NetpolSvg {
    /** Graphviz is missing or failed; the message is for the user. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private NetpolSvg() {}

    /** {@code dot} in the first directory of {@code searchPath} (a PATH value) that has an executable one. */
    static Optional<Path> findDot(String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "dot");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String render(String dot, String searchPath) throws Unavailable {
        Path executable = findDot(searchPath).orElseThrow(() -> new Unavailable(
                "--format svg needs Graphviz: no 'dot' on the PATH (install graphviz, or use --format dot "
                        + "and render it elsewhere)"));
        try {
            Process process = new ProcessBuilder(executable.toString(), "-Tsvg").start();
            // Read stderr concurrently so that a chatty dot cannot block on a full pipe.
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readQuietly(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(dot.getBytes(StandardCharsets.UTF_8));
            }
            String svg = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new Unavailable(executable + " -Tsvg failed (exit " + exit + "): " + errors.join().strip());
            }
            return svg;
        } catch (IOException e) {
            throw new Unavailable("cannot run " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for " + executable);
        }
    }

    private static String readQuietly(InputStream stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            stream.transferTo(out);
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
