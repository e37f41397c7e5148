package dev.kubeward.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.InputError;
import dev.kubeward.report.JsonDocuments;
import java.util.List;

/** The parts every command's JSON shares, built the same way by each command (schemas/). */
final class JsonOutput {
    private JsonOutput() {}

    /** schemaVersion, tool, and the configuration file used. */
    static ObjectNode header(ConfigFiles.Loaded config) {
        ObjectNode root = JsonDocuments.header(Version.VERSION);
        return config.file() == null ? JsonDocuments.withConfig(root, null, null)
                : JsonDocuments.withConfig(root, config.file().display(), config.file().source().label());
    }

    /**
     * The header of a command that reads manifests: also {@code input}, what its loads did not read
     * (documents skipped, files and directories not read, notices).
     */
    static ObjectNode header(ConfigFiles.Loaded config, OutputOptions output) {
        return output.unread().addTo(header(config));
    }

    /** {@code errors}: every input error as file, line and message, as in the scan report. */
    static void errors(ObjectNode root, List<InputError> errors) {
        ArrayNode list = root.putArray("errors");
        for (InputError e : errors) {
            list.addObject().put("file", e.file()).put("line", e.line()).put("message", e.message());
        }
    }
}
