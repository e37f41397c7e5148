package dev.kubeward.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.CheckMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A control catalogue: a framework's controls, as data in {@code dev/kubeward/frameworks/ID.json}
 * (docs/reports.md). A control is served by the checks whose annotation ({@code cis},
 * {@code nsaCisa}, {@code pss}, {@code mitre}: {@link #annotation}) names one of its
 * {@code annotations} (its id unless listed), or, for a catalogue without an annotation (the
 * hardening checklist), by the checks it lists. A test keeps the catalogues and the checks'
 * annotations in step: a check naming a control the catalogue lacks fails the build.
 *
 * @param annotation the {@code @CheckInfo} member the controls are named in; null when the
 *     controls list their checks
 */
public record Framework(String id, String title, String version, String annotation, List<Control> controls) {
    /** The frameworks of {@code scan --framework}, in the order {@code kubeward frameworks} lists them. */
    public static final List<String> IDS = List.of("nsa-cisa", "cis", "pss-baseline", "pss-restricted", "mitre", "checklist");

    /**
     * One control.
     *
     * @param annotations the annotation values that name it (for an annotation framework)
     * @param checks the check ids that cover it (for a checklist)
     * @param notCheckable why kubeward cannot check it, when the catalogue says so; null otherwise
     */
    public record Control(String id, String title, String section, List<String> annotations, List<String> checks,
            String notCheckable) {}

    public static List<Framework> all() {
        return IDS.stream().map(Framework::load).toList();
    }

    /** A built-in catalogue by id; an unknown id is an {@link IllegalArgumentException}. */
    public static Framework load(String id) {
        if (!IDS.contains(id)) {
            throw new IllegalArgumentException("unknown framework " + id);
        }
        try (InputStream in = Framework.class.getResourceAsStream("/dev/kubeward/frameworks/" + id + ".json")) {
            if (in == null) {
                throw new IllegalStateException("the catalogue of " + id + " is missing from the jar");
            }
            JsonNode root = JsonReporter.MAPPER.readTree(in);
            List<Control> controls = new ArrayList<>();
            for (JsonNode c : root.get("controls")) {
                String cid = c.get("id").asText();
                controls.add(new Control(cid, c.get("title").asText(), c.path("section").asText(""),
                        c.has("annotations") ? texts(c.get("annotations")) : List.of(cid),
                        texts(c.path("checks")), c.hasNonNull("notCheckable") ? c.get("notCheckable").asText() : null));
            }
            return new Framework(root.get("id").asText(), root.get("title").asText(), root.get("version").asText(),
                    root.hasNonNull("annotation") ? root.get("annotation").asText() : null, List.copyOf(controls));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    /** The checks (of those given) that serve a control, in the order given. */
    public List<String> checksOf(Control control, Collection<CheckMeta> checks) {
        if (annotation == null) {
            return control.checks();
        }
        Set<String> out = new LinkedHashSet<>();
        for (CheckMeta m : checks) {
            for (String value : annotationValues(m)) {
                if (control.annotations().contains(value)) {
                    out.add(m.id());
                }
            }
        }
        return List.copyOf(out);
    }

    /** The values a check gives this framework's annotation member (empty for a checklist). */
    public List<String> annotationValues(CheckMeta m) {
        if (annotation == null) {
            return List.of();
        }
        return switch (annotation) {
            case "cis" -> m.frameworks().cis();
            case "nsaCisa" -> m.frameworks().nsaCisa();
            case "pss" -> m.frameworks().pss();
            case "mitre" -> m.frameworks().mitre();
            default -> throw new IllegalStateException("catalogue " + id + " names an unknown annotation " + annotation);
        };
    }
}
