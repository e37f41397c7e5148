package dev.kubeward.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.EmbeddedDocuments;
import dev.kubeward.model.Resource;
import java.util.List;
import java.util.Optional;

/** {@link EmbeddedDocuments} with the file reader's YAML: {@link YamlTreeBuilder}, its typing and its limits. */
public final class YamlEmbeddedDocuments implements EmbeddedDocuments {
    @Override
    public Optional<JsonNode> readYaml(String text) {
        try {
            ParsedDocument doc = YamlTreeBuilder.parse(text, 1);
            return doc == null ? Optional.empty() : Optional.of(doc.root());
        } catch (YamlTreeBuilder.YamlError e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Resource> readBundledManifests(String name, String text) {
        LoadResult loaded = new ManifestLoader().loadText(name, text);
        if (!loaded.errors().isEmpty()) {
            throw new IllegalStateException("bundled manifests " + name + " are unreadable: " + loaded.errors());
        }
        return loaded.resources();
    }
}
