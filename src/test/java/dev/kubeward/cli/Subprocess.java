package dev.kubeward.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs kubeward in a JVM of its own, for what only a real process shows: the bytes written to
 * file descriptor 1 under a given locale, a write to /dev/full, standard input.
 */
record Subprocess(int exitCode, byte[] out, String err) {
    String outUtf8() {
        return new String(out, StandardCharsets.UTF_8);
    }

    /**
     * @param env variables to set (a null value removes one); LANG and LC_* are removed first
     * @param stdout where standard output goes; null to capture it
     */
    static Subprocess run(Map<String, String> env, byte[] stdin, File stdout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_") || k.equals("NO_COLOR")
                || k.equals(ConfigFiles.ENV) || k.equals("JAVA_TOOL_OPTIONS"));
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Path captured = Files.createTempFile("kubeward-out", ".bin");
        Path errFile = Files.createTempFile("kubeward-err", ".txt");
        try {
            pb.redirectOutput(stdout != null ? stdout : captured.toFile());
            pb.redirectError(errFile.toFile());
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin);
            }
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kubeward did not finish: " + command);
            }
            return new Subprocess(p.exitValue(), Files.readAllBytes(captured), Files.readString(errFile));
        } finally {
            Files.deleteIfExists(captured);
            Files.deleteIfExists(errFile);
        }
    }
}
