package dev.kubeward.netpol;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Renders connectivity lists in the layouts netpol-analyzer uses for txt, json, csv, md and dot,
 * so its users can read kubeward output without relearning it.
 */
public final class ConnectivityRenderer {
    private ConnectivityRenderer() {
    }

    public static String render(List<Connection> connections, OutputFormat format, ConnectivityFilter filter) {
        return render(connections, format, filter, List.of());
    }

    /**
     * The text of a list of connections. {@code workloads} are the input's workloads: dot draws
     * each of them, the ones without any connection included, as netpol-analyzer does.
     */
    public static String render(List<Connection> connections, OutputFormat format, ConnectivityFilter filter,
                                List<Workload> workloads) {
        StringWriter out = new StringWriter();
        try {
            List<Connection> lines = new ArrayList<>(filter.apply(connections));
            lines.sort(null);
            stream(lines::forEach, format, filter, workloads, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * Writes connections as {@code source} produces them, already in order (such as
     * {@link Reachability#forEachConnection}), line by line: an input with thousands of
     * unisolated workloads allows tens of millions of pairs, which need never be held at once.
     * dot collects them first, since it lists the nodes before the edges.
     */
    public static void stream(Consumer<Consumer<Connection>> source, OutputFormat format, ConnectivityFilter filter,
                              List<Workload> workloads, Writer out) throws IOException {
        Consumer<Consumer<Connection>> kept = sink -> source.accept(c -> {
            if (filter.keeps(c)) {
                sink.accept(c);
            }
        });
        if (format == OutputFormat.DOT) {
            List<Connection> lines = new ArrayList<>();
            kept.accept(lines::add);
            dot(lines, workloads.stream().filter(filter::keeps).map(Workload::id).toList(), out);
        } else {
            write(kept, format, out);
        }
        out.flush();
    }

    /** One line per connection in the layouts other than dot. */
    private static void write(Consumer<Consumer<Connection>> lines, OutputFormat format, Writer out) throws IOException {
        try {
            switch (format) {
                case TXT -> lines.accept(line -> append(out, line.toString(), "\n"));
                case CSV -> {
                    out.append("src,dst,conn\n");
                    lines.accept(line -> append(out, csvField(line.src()), ",", csvField(line.dst()), ",",
                            csvField(line.conns().toString()), "\n"));
                }
                case MD -> {
                    out.append("| src | dst | conn |\n|-----|-----|------|\n");
                    lines.accept(line -> append(out, "| ", mdCell(line.src()), " | ", mdCell(line.dst()), " | ",
                            mdCell(line.conns().toString()), " |\n"));
                }
                case JSON -> json(lines, out);
                case DOT -> throw new IllegalArgumentException("dot is not written line by line");
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void append(Writer out, String... parts) {
        try {
            for (String part : parts) {
                out.append(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The layout of Go's {@code json.MarshalIndent(lines, "", "  ")}, which netpol-analyzer writes:
     * two-space indents, {@code "key": value}, {@code []} for no lines.
     */
    private static void json(Consumer<Consumer<Connection>> lines, Writer out) throws IOException {
        boolean[] empty = {true};
        out.append('[');
        lines.accept(line -> {
            append(out, empty[0] ? "\n  {\n" : ",\n  {\n",
                    "    \"src\": ", goJson(line.src()), ",\n",
                    "    \"dst\": ", goJson(line.dst()), ",\n",
                    "    \"conn\": ", goJson(line.conns().toString()), "\n  }");
            empty[0] = false;
        });
        out.append(empty[0] ? "]\n" : "\n]\n");
    }

    /** A JSON string as Go's encoding/json writes it, HTML characters escaped as it does by default. */
    static String goJson(String value) {
        StringBuilder text = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> text.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        return text.append('"').toString();
    }

    /** RFC 4180 quoting: connection sets with several protocols contain commas. */
    static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static String mdCell(String value) {
        return value.replace("|", "\\|");
    }

    /**
     * netpol-analyzer's dot graph (connlist/conns_formatter_dot.go, internal/dotformatting): one
     * {@code subgraph cluster_<namespace>} per namespace ('-' written '_') holding its workloads in
     * blue, every workload of the input included; external ranges in red and the ingress controller
     * in blue outside them; edges in gold, labelled with the connections and weighted 0.5 when the
     * source sorts before the destination, else 1. Each group of lines is sorted as text.
     */
    private static void dot(List<Connection> lines, List<String> workloads, Writer out) throws IOException {
        Map<String, List<String>> byNamespace = new TreeMap<>();
        List<String> others = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> edges = new ArrayList<>(lines.size());
        for (Connection line : lines) {
            edges.add("\t" + quote(line.src()) + " -> " + quote(line.dst()) + " [label=" + quote(line.conns().toString())
                    + " color=\"gold2\" fontcolor=\"darkgreen\" weight=" + (line.src().compareTo(line.dst()) <= 0 ? "0.5" : "1")
                    + "]");
            node(line.src(), seen, byNamespace, others);
            node(line.dst(), seen, byNamespace, others);
        }
        workloads.forEach(id -> node(id, seen, byNamespace, others));
        edges.sort(null);
        others.sort(null);
        out.append("digraph {\n");
        for (Map.Entry<String, List<String>> namespace : byNamespace.entrySet()) {
            List<String> members = namespace.getValue();
            members.sort(null);
            out.append("\tsubgraph cluster_").append(namespace.getKey().replace("-", "_")).append(" {\n");
            for (String member : members) {
                out.append('\t').append(member).append('\n');
            }
            out.append("\t\tlabel=").append(quote(namespace.getKey())).append("\n\t}\n");
        }
        for (String line : others) {
            out.append(line).append('\n');
        }
        for (String edge : edges) {
            out.append(edge).append('\n');
        }
        out.append("}\n");
    }

    /** Adds an endpoint's node line once: in its namespace's group, or among the nodes outside the cluster. */
    private static void node(String endpoint, Set<String> seen, Map<String, List<String>> byNamespace,
                             List<String> others) {
        if (!seen.add(endpoint)) {
            return;
        }
        String namespace = Connection.namespaceOf(endpoint);
        if (namespace == null) {
            String color = Connection.isExternal(endpoint) ? "red2" : "blue";
            others.add("\t" + quote(endpoint) + " [label=" + quote(endpoint) + " color=\"" + color + "\" fontcolor=\""
                    + color + "\"]");
        } else {
            String label = endpoint.substring(namespace.length() + 1);
            byNamespace.computeIfAbsent(namespace, ns -> new ArrayList<>()).add("\t" + quote(endpoint) + " [label="
                    + quote(label) + " color=\"blue\" fontcolor=\"blue\"]");
        }
    }

    private static String quote(String id) {
        return "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Diff lines in netpol-analyzer's txt layout, headed "Connectivity diff:". */
    public static String renderDiff(List<DiffEntry> entries) {
        StringBuilder out = new StringBuilder("Connectivity diff:\n");
        entries.forEach(entry -> out.append(entry).append('\n'));
        return out.toString();
    }
}
