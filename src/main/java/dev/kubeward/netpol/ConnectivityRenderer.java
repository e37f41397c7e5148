package dev.kubeward.netpol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Renders connectivity lists in the layouts netpol-analyzer uses for txt, json, csv, md and dot,
 * so its users can read kubeward output without relearning it.
 */
public final class ConnectivityRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConnectivityRenderer() {
    }

    public static String render(List<Connection> connections, OutputFormat format, ConnectivityFilter filter) {
        StringWriter out = new StringWriter();
        try {
            render(connections, format, filter, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Writes a list of connections (sorted and filtered here) to {@code out}. */
    public static void render(List<Connection> connections, OutputFormat format, ConnectivityFilter filter, Writer out)
            throws IOException {
        List<Connection> lines = new ArrayList<>(filter.apply(connections));
        lines.sort(null);
        if (format == OutputFormat.DOT) {
            dot(lines, out);
        } else {
            write(lines::forEach, format, out);
        }
        out.flush();
    }

    /**
     * Writes connections as {@code source} produces them, already in order (such as
     * {@link Reachability#forEachConnection}), line by line: an input with thousands of
     * unisolated workloads allows tens of millions of pairs, which need never be held at once.
     * dot collects them first, since it lists the nodes before the edges.
     */
    public static void stream(Consumer<Consumer<Connection>> source, OutputFormat format, ConnectivityFilter filter,
                              Writer out) throws IOException {
        Consumer<Consumer<Connection>> kept = sink -> source.accept(c -> {
            if (filter.keeps(c)) {
                sink.accept(c);
            }
        });
        if (format == OutputFormat.DOT) {
            List<Connection> lines = new ArrayList<>();
            kept.accept(lines::add);
            dot(lines, out);
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

    private static void json(Consumer<Consumer<Connection>> lines, Writer out) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(new NonClosing(out))) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            lines.accept(line -> {
                try {
                    g.writeStartObject();
                    g.writeStringField("src", line.src());
                    g.writeStringField("dst", line.dst());
                    g.writeStringField("conn", line.conns().toString());
                    g.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            g.writeEndArray();
        }
        out.append('\n');
    }

    /** The generator closes what it writes to; the caller owns the writer. */
    private static final class NonClosing extends FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
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

    /** Workloads grouped in one cluster subgraph per namespace; externals red, edges labelled with their connections. */
    private static void dot(List<Connection> lines, Writer out) throws IOException {
        Map<String, TreeSet<String>> byNamespace = new TreeMap<>();
        TreeSet<String> others = new TreeSet<>();
        for (Connection line : lines) {
            for (String endpoint : List.of(line.src(), line.dst())) {
                String namespace = Connection.namespaceOf(endpoint);
                if (namespace == null) {
                    others.add(endpoint);
                } else {
                    byNamespace.computeIfAbsent(namespace, ns -> new TreeSet<>()).add(endpoint);
                }
            }
        }
        out.append("digraph {\n");
        for (Map.Entry<String, TreeSet<String>> namespace : byNamespace.entrySet()) {
            out.append("\tsubgraph ").append(quote("cluster_" + namespace.getKey())).append(" {\n");
            for (String endpoint : namespace.getValue()) {
                String label = endpoint.substring(namespace.getKey().length() + 1);
                out.append("\t\t").append(quote(endpoint)).append(" [label=").append(quote(label))
                        .append(" color=\"blue\" fontcolor=\"blue\"]\n");
            }
            out.append("\t\tlabel=").append(quote(namespace.getKey())).append("\n\t}\n");
        }
        for (String endpoint : others) {
            String color = Connection.isExternal(endpoint) ? "red2" : "blue";
            out.append('\t').append(quote(endpoint)).append(" [label=").append(quote(endpoint))
                    .append(" color=\"").append(color).append("\" fontcolor=\"").append(color).append("\"]\n");
        }
        for (Connection line : lines) {
            out.append('\t').append(quote(line.src())).append(" -> ").append(quote(line.dst()))
                    .append(" [label=").append(quote(line.conns().toString()))
                    .append(" color=\"gold2\" fontcolor=\"darkgreen\"]\n");
        }
        out.append("}\n");
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
