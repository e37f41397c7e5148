package dev.kubeward.checks.version;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.EmbeddedDocuments;
import dev.kubeward.model.KubernetesVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The bundled table of Kubernetes minor releases (kubernetes-releases.yaml). */
record KubernetesReleases(LocalDate asOf, List<Release> releases) {
    static final String RESOURCE = "/dev/kubeward/kubernetes-releases.yaml";

    /** @param latestPatch null when the table does not know it */
    record Release(KubernetesVersion minor, LocalDate released, LocalDate endOfLife, KubernetesVersion latestPatch,
            LocalDate latestPatchDate) {
        boolean endOfLifeBy(LocalDate day) {
            return !day.isBefore(endOfLife);
        }
    }

    private static final class Holder {
        static final KubernetesReleases BUNDLED = load();
    }

    static KubernetesReleases bundled() {
        return Holder.BUNDLED;
    }

    private static KubernetesReleases load() {
        try (InputStream in = KubernetesReleases.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return parse(EmbeddedDocuments.reader().readYaml(text)
                    .orElseThrow(() -> new IllegalStateException(RESOURCE + " is not one YAML document")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KubernetesReleases parse(JsonNode root) {
        List<Release> out = new ArrayList<>();
        for (JsonNode r : root.path("releases")) {
            JsonNode patch = r.get("latestPatch");
            JsonNode patchDate = r.get("latestPatchDate");
            out.add(new Release(version(r.path("minor").asText()), LocalDate.parse(r.path("released").asText()),
                    LocalDate.parse(r.path("endOfLife").asText()), patch == null ? null : version(patch.asText()),
                    patchDate == null ? null : LocalDate.parse(patchDate.asText())));
        }
        out.sort(Comparator.comparingInt((Release r) -> r.minor().minor()).reversed());
        return new KubernetesReleases(LocalDate.parse(root.path("asOf").asText()), List.copyOf(out));
    }

    private static KubernetesVersion version(String text) {
        return KubernetesVersion.parse(text).orElseThrow(() -> new IllegalStateException(
                RESOURCE + ": '" + text + "' is not a version"));
    }

    Optional<Release> find(KubernetesVersion v) {
        return releases.stream().filter(r -> r.minor().major() == v.major() && r.minor().minor() == v.minor()).findFirst();
    }

    Release newest() {
        return releases.get(0);
    }

    Release oldest() {
        return releases.get(releases.size() - 1);
    }

    /** The minors supported on a day, newest first. */
    List<Release> supportedOn(LocalDate day) {
        return releases.stream().filter(r -> !r.endOfLifeBy(day) && !r.released().isAfter(day)).toList();
    }
}
