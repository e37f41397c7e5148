package dev.kubeward.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the command line in-process and keeps what it printed. */
public record CliRunner(int exitCode, String out, String err) {
    public static CliRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRunner(code, out.toString(), err.toString());
    }

    /** Runs in a given environment: variables, working directory, terminal. */
    static CliRunner run(Environment env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new CliRunner(code, out.toString(), err.toString());
    }

    /** The test JVM's own environment with some variables set (a null value removes one). */
    static Environment env(Path cwd, boolean terminal, String... variables) {
        Map<String, String> vars = new HashMap<>(System.getenv());
        vars.remove("NO_COLOR");
        vars.remove(ConfigFiles.ENV);
        for (int i = 0; i < variables.length; i += 2) {
            if (variables[i + 1] == null) {
                vars.remove(variables[i]);
            } else {
                vars.put(variables[i], variables[i + 1]);
            }
        }
        return new Environment(vars, cwd.toAbsolutePath(), terminal, StandardCharsets.UTF_8);
    }
}
