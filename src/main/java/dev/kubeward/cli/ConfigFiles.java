package dev.kubeward.cli;

import dev.kubeward.check.Config;
import dev.kubeward.check.ConfigException;
import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Finds and reads .kubeward.yaml with the same YAML reader as manifests, so errors have lines. */
final class ConfigFiles {
    static final String DEFAULT_NAME = ".kubeward.yaml";

    private ConfigFiles() {}

    /**
     * The configuration with one top-level setting replaced by a command-line option, validated
     * as the file's own value would be.
     */
    static Config withSetting(Config config, String key, String value, String option, Set<String> knownChecks)
            throws ConfigException {
        com.fasterxml.jackson.databind.node.ObjectNode tree = config.raw() instanceof com.fasterxml.jackson.databind.node.ObjectNode o
                ? o.deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        tree.put(key, value);
        try {
            // Re-read under the option's name; the exemptions keep the file and lines they were written at.
            return Config.parse(tree, option, p -> 0, knownChecks).withExemptions(config.exemptions());
        } catch (ConfigException e) {
            throw new ConfigException(option, 0, e.getMessage());
        }
    }

    /** The given file, else .kubeward.yaml in the working directory, else the defaults. */
    static Config load(Path explicit, Set<String> knownChecks) throws ConfigException {
        Path path = explicit;
        if (path == null) {
            Path candidate = Path.of(DEFAULT_NAME);
            if (!Files.isRegularFile(candidate)) {
                return Config.DEFAULT;
            }
            path = candidate;
        }
        String name = path.toString();
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ConfigException(name, 0, "cannot read the configuration: "
                    + (Files.exists(path) ? e.getMessage() : "no such file"));
        }
        ParsedDocument doc;
        try {
            doc = YamlTreeBuilder.parse(text, 1);
        } catch (YamlTreeBuilder.YamlError e) {
            throw new ConfigException(name, e.line(), e.getMessage());
        }
        if (doc == null) {
            return Config.DEFAULT;
        }
        if (!doc.duplicates().isEmpty()) {
            throw new ConfigException(name, doc.duplicates().get(0).winner().line(),
                    "key " + doc.duplicates().get(0).path() + " is written twice");
        }
        return Config.parse(doc.root(), name, p -> doc.sourceMap().locate(doc.root(), p).line(), knownChecks);
    }
}
