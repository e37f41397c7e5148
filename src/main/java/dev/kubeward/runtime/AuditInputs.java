package dev.kubeward.runtime;

import dev.kubeward.model.InputError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The inputs of {@code audit-log}, in reading order: files as named, the files of a directory in
 * name order, {@code -} for standard input. Name order is time order for the API server's
 * rotated logs: lumberjack names a backup {@code audit-2026-11-30T10-00-00.000.log}, which sorts
 * before the live {@code audit.log} ({@code -} before {@code .}), so a directory or a shell glob
 * {@code audit*.log*} is read oldest first. With {@code follow}, the last input is followed.
 */
public final class AuditInputs {
    private AuditInputs() {}

    /** One input: a file, or standard input when {@code path} is null. */
    public record Input(String name, Path path, boolean follow) {
        public InputStream open(InputStream stdin, long pollMillis, BooleanSupplier stop) throws IOException {
            if (path == null) {
                return stdin;
            }
            return follow ? new FollowInputStream(path, pollMillis, stop) : Files.newInputStream(path);
        }
    }

    /** The inputs named by {@code args} (none: standard input), or the first that does not exist. */
    public static List<Input> expand(List<String> args, Path cwd, boolean follow, List<InputError> errors) throws IOException {
        List<String> names = args.isEmpty() ? List.of("-") : args;
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean last = i == names.size() - 1;
            if (name.equals("-")) {
                out.add(new Input("<stdin>", null, false));
                continue;
            }
            Path p = cwd.resolve(name);
            if (Files.isDirectory(p)) {
                if (follow && last) {
                    errors.add(new InputError(name, 0, "--follow follows a file, not a directory: name the live log (audit.log)"));
                    continue;
                }
                try (Stream<Path> list = Files.list(p)) {
                    list.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .map(f -> f.getFileName().toString()).sorted()
                            .forEach(f -> out.add(new Input(name.endsWith("/") ? name + f : name + "/" + f, p.resolve(f), false)));
                }
            } else if (follow && last) {
                // tail -F waits for a file that is not there yet.
                out.add(new Input(name, p, true));
            } else if (!Files.isRegularFile(p)) {
                errors.add(new InputError(name, 0, Files.exists(p) ? "not a regular file" : "no such file"));
            } else {
                out.add(new Input(name, p, false));
            }
        }
        return out;
    }
}
