package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Reads a YAML document that an object carries as text: kubeadm's ConfigMaps hold component
 * configuration files ({@code kube-system/kube-proxy}'s {@code config.conf} is a
 * KubeProxyConfiguration). Engines read such documents through this interface, so that they are
 * read by the same reader as files (typing, limits) while engines never depend on the readers:
 * the implementation is the YAML reader's ({@code source}), found with {@link ServiceLoader}.
 */
public interface EmbeddedDocuments {
    /** The document's tree, or empty when the text is not one YAML document kubectl would read. */
    Optional<JsonNode> readYaml(String text);

    /**
     * The objects of a manifest stream bundled with kubeward (the API server's bootstrap roles), read
     * as files are read, with their positions, as if from a file named {@code name}.
     *
     * @throws IllegalStateException when the text is not a valid manifest stream: bundled text is
     *     not user input, so a broken one is a packaging bug
     */
    List<Resource> readBundledManifests(String name, String text);

    /** The reader on the class path. */
    static EmbeddedDocuments reader() {
        return Holder.READER;
    }

    /** Looked up once, on first use. */
    final class Holder {
        private static final EmbeddedDocuments READER = ServiceLoader.load(EmbeddedDocuments.class,
                EmbeddedDocuments.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + EmbeddedDocuments.class.getName() + " on the class path"));

        private Holder() {}
    }
}
