package dev.kubeward.netpol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders connectivity lists in the layouts netpol-analyzer uses for txt, json, csv, md and dot,
 * so its users can read kubeward output without relearning it.
 */
public final class ConnectivityRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConnectivityRenderer() {
    }

    public static String render(List<Connection> connections, OutputFormat format, ConnectivityFilter filter) {
        List<Connection> lines = new ArrayList<>(filter.apply(connections));
        lines.sort(null);
        return switch (format) {
            case TXT -> txt(lines);
            case JSON -> json(lines);
            case CSV -> csv(lines);
            case MD -> md(lines);
            case DOT -> dot(lines);
        };
    }

    private static String txt(List<Connection> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    private static String json(List<Connection> lines) {
        ArrayNode array = JSON.createArrayNode();
        for (Connection line : lines) {
            ObjectNode node = array.addObject();
            node.put("src", line.src());
            node.put("dst", line.dst());
            node.put("conn", line.conns().toString());
        }
        try {
            return JSON.writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise connectivity", e);
        }
    }

    private static String csv(List<Connection> lines) {
        StringBuilder out = new StringBuilder("src,dst,conn\n");
        for (Connection line : lines) {
            out.append(csvField(line.src())).append(',').append(csvField(line.dst())).append(',')
                    .append(csvField(line.conns().toString())).append('\n');
        }
        return out.toString();
    }

    /** RFC 4180 quoting: connection sets with several protocols contain commas. */
    static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static String md(List<Connection> lines) {
        StringBuilder out = new StringBuilder("| src | dst | conn |\n|-----|-----|------|\n");
        for (Connection line : lines) {
            out.append("| ").append(mdCell(line.src())).append(" | ").append(mdCell(line.dst())).append(" | ")
                    .append(mdCell(line.conns().toString())).append(" |\n");
        }
        return out.toString();
    }

    private static String mdCell(String value) {
        return value.replace("|", "\\|");
    }

    /** Workloads grouped in one cluster subgraph per namespace; externals red, edges labelled with their connections. */
    private static String dot(List<Connection> lines) {
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
        StringBuilder out = new StringBuilder("digraph {\n");
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
        return out.append("}\n").toString();
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
