package dev.kubeward.source.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Origin;
import dev.kubeward.model.Position;
import dev.kubeward.model.Resource;
import dev.kubeward.model.SourceMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the kubelet's command line the way systemd builds it: the unit's ExecStart (a drop-in's
 * empty {@code ExecStart=} resets it, the last one wins), Environment= and EnvironmentFile=
 * assignments (later ones override), and {@code $VAR} expansion, which splits a variable's value
 * into words. The result is one {@code KubeletCommandLine} object per run of words that came
 * from the same file, in command-line order, each word pointing at its file and line.
 */
public final class KubeletUnitReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

    /** A word and where it was written. */
    record Word(String text, String file, Position position) {}

    private record Assignment(String value, String file, int line) {}

    private KubeletUnitReader() {}

    /**
     * @param files the unit file, then its drop-ins in the order systemd applies them
     * @param root the node's root, for EnvironmentFile paths (a copy of a node's files works too)
     * @param display how to name a file in findings (its path on the node)
     */
    public static List<Resource> read(List<Path> files, Path root, java.util.function.Function<Path, String> display)
            throws IOException {
        List<Word> exec = null;
        Map<String, Assignment> env = new HashMap<>();
        for (Path f : files) {
            String name = display.apply(f);
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                int lineNo = i + 1;
                StringBuilder logical = new StringBuilder(lines.get(i));
                // A trailing backslash continues the line; words keep the line they start on.
                while (endsWithBackslash(logical) && i + 1 < lines.size()) {
                    logical.setLength(logical.length() - 1);
                    logical.append(' ').append(lines.get(++i));
                }
                String line = logical.toString().strip();
                if (line.startsWith("ExecStart=")) {
                    String value = line.substring("ExecStart=".length());
                    exec = value.isBlank() ? null : words(value, name, lineNo, line.length() - value.length() + 1);
                } else if (line.startsWith("Environment=")) {
                    for (Word w : words(line.substring("Environment=".length()), name, lineNo, 13)) {
                        assign(w.text(), name, lineNo, env);
                    }
                } else if (line.startsWith("EnvironmentFile=")) {
                    String target = line.substring("EnvironmentFile=".length()).strip();
                    boolean optional = target.startsWith("-");
                    Path envFile = root.resolve(stripSlash(optional ? target.substring(1) : target));
                    if (Files.isRegularFile(envFile)) {
                        readEnvironmentFile(envFile, target.replaceFirst("^-", ""), env);
                    } else if (!optional) {
                        throw new IOException(name + ":" + lineNo + ": EnvironmentFile " + target + " does not exist");
                    }
                }
            }
        }
        return exec == null ? List.of() : resources(expand(exec, env));
    }

    private static boolean endsWithBackslash(StringBuilder s) {
        return s.length() > 0 && s.charAt(s.length() - 1) == '\\';
    }

    private static String stripSlash(String p) {
        return p.startsWith("/") ? p.substring(1) : p;
    }

    private static void readEnvironmentFile(Path file, String name, Map<String, Assignment> env) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                assign(unquote(line), name, i + 1, env);
            }
        }
    }

    private static void assign(String text, String file, int line, Map<String, Assignment> env) {
        int eq = text.indexOf('=');
        if (eq > 0) {
            env.put(text.substring(0, eq), new Assignment(unquote(text.substring(eq + 1)), file, line));
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        int eq = s.indexOf('=');
        if (eq > 0 && s.length() > eq + 2 && s.charAt(eq + 1) == '"' && s.endsWith("\"")) {
            return s.substring(0, eq + 1) + s.substring(eq + 2, s.length() - 1);
        }
        return s;
    }

    /**
     * Splits on blanks outside quotes, as systemd splits ExecStart and Environment: double and
     * single quotes both group (EKS's drop-ins write {@code Environment='KUBELET_ARGS=--a --b'}),
     * and a quote of the other kind inside them is kept as text.
     */
    static List<Word> words(String text, String file, int line, int firstColumn) {
        List<Word> out = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        char quote = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            // The end of the text ends the last word even inside an unbalanced quote ("it's" in a value).
            boolean blank = i == text.length() || quote == 0 && Character.isWhitespace(c);
            if (blank) {
                if (current != null) {
                    out.add(new Word(current.toString(), file, new Position(line, firstColumn + start)));
                    current = null;
                }
                continue;
            }
            if (current == null) {
                current = new StringBuilder();
                start = i;
            }
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else {
                current.append(c);
            }
        }
        return out;
    }

    /** Expands $VAR (split into words) and ${VAR} (kept as one word); unset variables vanish. */
    private static List<Word> expand(List<Word> exec, Map<String, Assignment> env) {
        List<Word> out = new ArrayList<>();
        for (Word w : exec.subList(1, exec.size())) {
            Matcher m = VARIABLE.matcher(w.text());
            if (m.matches()) {
                Assignment a = env.get(m.group(1) != null ? m.group(1) : m.group(2));
                if (a != null) {
                    List<Word> parts = words(a.value(), a.file(), a.line(), 1);
                    out.addAll(m.group(1) != null && !parts.isEmpty()
                            ? List.of(new Word(a.value(), a.file(), new Position(a.line(), 1))) : parts);
                }
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private static List<Resource> resources(List<Word> words) {
        Map<Integer, List<Word>> runs = new LinkedHashMap<>();
        int run = -1;
        String lastFile = null;
        for (Word w : words) {
            if (!w.file().equals(lastFile)) {
                run++;
                lastFile = w.file();
            }
            runs.computeIfAbsent(run, k -> new ArrayList<>()).add(w);
        }
        List<Resource> out = new ArrayList<>();
        for (List<Word> r : runs.values()) {
            out.add(resource(r));
        }
        return out;
    }

    private static Resource resource(List<Word> words) {
        SourceMap map = new SourceMap();
        ObjectNode root = NODES.objectNode();
        root.put("apiVersion", Kinds.KUBEWARD_API_VERSION);
        root.put("kind", Kinds.KUBELET_COMMAND_LINE);
        root.putObject("metadata").put("name", "kubelet");
        ArrayNode args = root.putArray("args");
        Position[] positions = new Position[words.size()];
        for (int i = 0; i < words.size(); i++) {
            args.add(words.get(i).text());
            positions[i] = words.get(i).position();
        }
        Position first = positions[0];
        map.recordStart(root, first);
        map.recordKey(root, "args", first);
        map.recordElements(args, positions);
        String file = words.get(0).file();
        // The document index orders command lines from one file that systemd interleaves with others.
        return new Resource(Kinds.KUBEWARD_API_VERSION, Kinds.KUBELET_COMMAND_LINE, null, "kubelet", root,
                new Origin(file, first.line(), map), List.of());
    }
}
