package dev.kubeward.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;

/**
 * What every command's JSON starts with: {@code schemaVersion} (of that command's schema in
 * schemas/, changed only when a field is removed or changes meaning), the tool, and, for commands
 * that read a configuration, the file used.
 */
public final class JsonDocuments {
    public static final int SCHEMA_VERSION = 1;

    private JsonDocuments() {}

    public static ObjectNode header(String toolVersion) {
        ObjectNode root = JsonReporter.MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.putObject("tool").put("name", "kubeward").put("version", toolVersion);
        return root;
    }

    /** {@code config}: the file used and where it was found, or null for the defaults. */
    public static ObjectNode withConfig(ObjectNode root, String file, String source) {
        if (file == null) {
            root.putNull("config");
        } else {
            root.putObject("config").put("file", file).put("source", source);
        }
        return root;
    }

    /** A pretty-printing generator that leaves the writer open, for documents written as a stream. */
    public static JsonGenerator generator(Writer out) throws IOException {
        JsonGenerator g = JsonReporter.MAPPER.createGenerator(new JsonReporter.NonClosingWriter(out));
        g.useDefaultPrettyPrinter();
        return g;
    }

    /** A compact generator that leaves the writer open, for JSON lines (one value per line). */
    public static JsonGenerator lineGenerator(Writer out) throws IOException {
        JsonGenerator g = JsonReporter.MAPPER.getFactory().createGenerator(new JsonReporter.NonClosingWriter(out));
        g.setPrettyPrinter(null);
        g.setRootValueSeparator(null);
        return g;
    }

    public static void write(JsonNode root, Writer out) throws IOException {
        JsonReporter.MAPPER.writeValue(new JsonReporter.NonClosingWriter(out), root);
        out.write(System.lineSeparator());
        out.flush();
    }
}
