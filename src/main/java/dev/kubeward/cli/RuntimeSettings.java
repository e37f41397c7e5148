package dev.kubeward.cli;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.ConfigException;
import dev.kubeward.runtime.Detections;
import dev.kubeward.runtime.RuntimeConfig;
import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The {@code runtime:} section of the configuration file, validated at its lines. The check
 * configuration has read the file already; the section is read here, by the commands that use it,
 * since {@code check} may not know the runtime package.
 */
final class RuntimeSettings {
    private RuntimeSettings() {}

    static RuntimeConfig load(ConfigFiles.Loaded loaded) throws ConfigException {
        if (loaded.file() == null) {
            return RuntimeConfig.DEFAULT;
        }
        String name = loaded.file().display();
        ParsedDocument doc;
        try {
            doc = YamlTreeBuilder.parse(Files.readString(loaded.file().path()), 1);
        } catch (IOException e) {
            throw new ConfigException(name, 0, "cannot read the configuration: " + e.getMessage());
        } catch (YamlTreeBuilder.YamlError e) {
            throw new ConfigException(name, e.line(), e.getMessage());
        }
        if (doc == null) {
            return RuntimeConfig.DEFAULT;
        }
        return RuntimeConfig.parse(doc.root().get("runtime"), name, p -> doc.sourceMap().locate(doc.root(), p).line(),
                Detections.ids(), CheckRegistry.builtIn().ids());
    }
}
