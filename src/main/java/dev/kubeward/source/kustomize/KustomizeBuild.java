package dev.kubeward.source.kustomize;

import dev.kubeward.model.InputError;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Kustomize: {@code kustomize build} when a {@code kustomize} binary is on the PATH, else
 * {@code kubectl kustomize} (kubectl carries kustomize since 1.14). No Java Kustomize exists, and
 * kubeward does not reimplement it: what a build does is what the binary does.
 *
 * <p>The user's kustomization is built through a wrapper written to a temporary directory, which
 * consumes it (as {@code resources:}, or {@code components:} for a Component) and asks for
 * {@code buildMetadata: [originAnnotations]}: every object then carries the
 * {@code config.kubernetes.io/origin} annotation naming the file it came from, and the user's
 * files are left as they are. The wrapper adds no transformation, so the objects are those
 * {@code kustomize build DIR} writes, with one annotation more, which {@link KustomizeMap} removes.
 *
 * <p>Nothing is fetched: remote bases are refused before the build ({@link Kustomization}), and
 * the binary runs with its proxies pointed at a closed local port, so that a reference kubeward did
 * not recognise as remote fails at once instead of reaching the network.
 */
public final class KustomizeBuild {
    /** The most a build may print; a larger one is refused, as a file of that size would be. */
    static final int MAX_OUTPUT = 128 * 1024 * 1024;
    static final long TIMEOUT_SECONDS = 120;
    private static final String CLOSED_PROXY = "http://127.0.0.1:9";
    /** kubectl's klog line around the error: {@code E1202 … run.go:72] "command failed" err="…"}. */
    private static final Pattern KLOG = Pattern.compile("(?s)^E\\d{4} [^\\]]*\\] \"command failed\" err=(?:\"(.*)\"|<\\s*(.*?)\\s*>)\\s*$");

    private KustomizeBuild() {}

    /** The command that builds a directory: the binary and the words before the directory. */
    public record Tool(List<String> command, String name) {}

    /**
     * @param output the objects, as the binary printed them; null when the build failed
     * @param base the directory the origin annotations' paths are relative to (the wrapper's, removed by then)
     */
    public record Output(String output, InputError error, Path base) {}

    /**
     * The binary to build with, found on {@code path} (the PATH variable: directories separated by
     * the platform's separator), or null when there is neither {@code kustomize} nor {@code kubectl}.
     */
    public static Tool find(String path) {
        Path kustomize = onPath(path, "kustomize");
        if (kustomize != null) {
            return new Tool(List.of(kustomize.toString(), "build"), "kustomize build");
        }
        Path kubectl = onPath(path, "kubectl");
        if (kubectl != null) {
            return new Tool(List.of(kubectl.toString(), "kustomize"), "kubectl kustomize");
        }
        return null;
    }

    static Path onPath(String path, String name) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        boolean windows = File.pathSeparatorChar == ';';
        for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String candidate : windows ? List.of(name + ".exe", name + ".cmd", name) : List.of(name)) {
                Path p = Path.of(dir, candidate);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * Builds the kustomization in {@code dir}.
     *
     * @param dir the kustomization directory, absolute and real (symbolic links resolved)
     * @param display how the directory is named in messages
     * @param component whether it is a {@code kind: Component}
     * @param environment the environment the binary runs in (its PATH found {@code tool})
     */
    public static Output build(Tool tool, Path dir, String display, boolean component, Map<String, String> environment) {
        Path work = null;
        try {
            work = Files.createTempDirectory("kubeward-kustomize").toRealPath();
            String reference = work.relativize(dir).toString().replace(File.separatorChar, '/');
            Files.writeString(work.resolve("kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                    + "kind: Kustomization\n" + (component ? "components:\n" : "resources:\n") + "- " + quote(reference) + "\n"
                    + "buildMetadata: [originAnnotations]\n", StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(tool.command());
            command.add(work.toString());
            ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
            Map<String, String> env = pb.environment();
            env.clear();
            env.putAll(environment);
            for (String proxy : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy")) {
                env.put(proxy, CLOSED_PROXY);
            }
            env.remove("NO_PROXY");
            env.remove("no_proxy");
            env.put("GIT_TERMINAL_PROMPT", "0");
            env.put("GIT_SSH_COMMAND", "false");
            Process process = pb.start();
            process.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readBounded(process.getErrorStream(), 1 << 20));
            byte[] out = readBounded(process.getInputStream(), MAX_OUTPUT + 1);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return failed(display, tool.name() + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String stderr = new String(err.join(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                if (stderr.contains("unknown field \"buildMetadata\"")) {
                    return failed(display, tool.name() + " is too old to say where objects come from (buildMetadata: "
                            + "[originAnnotations] needs kustomize v4.5.0 or newer, as in kubectl 1.24 or newer); install a newer one");
                }
                return failed(display, tool.name() + " failed: " + message(stderr, work, reference, dir, display));
            }
            if (out.length > MAX_OUTPUT) {
                return failed(display, tool.name() + " printed more than " + (MAX_OUTPUT >> 20) + " MiB: not read");
            }
            return new Output(new String(out, StandardCharsets.UTF_8), null, work);
        } catch (IOException | UncheckedIOException e) {
            return failed(display, "cannot run " + tool.name() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(display, tool.name() + " was interrupted");
        } finally {
            delete(work);
        }
    }

    private static Output failed(String display, String message) {
        return new Output(null, new InputError(display, 0, message), null);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * The binary's error as a sentence about the user's files: kubectl's log prefix taken off, the
     * wrapper's temporary directory and the reference to the kustomization replaced by the
     * directory as the user named it.
     */
    static String message(String stderr, Path work, String reference, Path dir, String display) {
        String m = stderr.strip();
        Matcher klog = KLOG.matcher(m);
        if (klog.matches()) {
            m = klog.group(1) != null ? klog.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : klog.group(2);
        }
        if (m.startsWith("Error: ")) {
            m = m.substring("Error: ".length());
        }
        String shown = display.endsWith("/") ? display : display + "/";
        m = m.replace(dir + "/", shown).replace(dir.toString(), display).replace(work + "/", "").replace(work.toString(), ".")
                .replace("'" + reference + "/", "'" + shown).replace("'" + reference + "'", "'" + display + "'");
        m = m.replaceAll("\\s*\\n\\s*", " ").strip();
        return m.isEmpty() ? "exit status without a message" : m;
    }

    private static byte[] readBounded(InputStream in, int limit) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() < limit) {
                    out.write(buf, 0, Math.min(n, limit - out.size()));
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is not worth failing a scan for.
        }
    }
}
