package dev.kubeward.check;

import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Position;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The engine's core loop: every enabled check over every object, in parallel, then severities
 * and exemptions from the configuration and the objects' own annotations.
 */
public final class Scanner {
    public static final String IGNORE_ANNOTATION = "kubeward.dev/ignore";
    public static final String IGNORE_REASON_ANNOTATION = "kubeward.dev/ignore-reason";
    /** The check that reports an ignore annotation without a reason; the annotation cannot silence it. */
    public static final String EXEMPTION_REASON_MISSING = "exemption-reason-missing";

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file)
            .thenComparingInt(Finding::document)
            .thenComparingInt(Finding::line)
            .thenComparingInt(Finding::column)
            .thenComparing(Finding::checkId)
            .thenComparing(Finding::message);

    private final List<CheckRegistry.Entry> checks;
    private final Config config;

    public Scanner(CheckRegistry registry, Config config) {
        this.checks = registry.entries().stream().filter(e -> config.isEnabled(e.meta())).collect(Collectors.toList());
        this.config = config;
    }

    public List<CheckRegistry.Entry> enabledChecks() {
        return checks;
    }

    public List<Finding> scan(Inventory inventory) {
        CheckContext context = new CheckContext(inventory, config);
        checks.parallelStream().forEach(e -> e.check().prepare(context));
        List<Finding> findings = inventory.all().parallelStream()
                .flatMap(r -> scanOne(r, context).stream())
                .sorted(ORDER)
                .collect(Collectors.toList());
        return findings;
    }

    /** Two lists of findings as one, in report order. */
    public static List<Finding> sorted(List<Finding> a, List<Finding> b) {
        List<Finding> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(ORDER);
        return all;
    }

    private List<Finding> scanOne(Resource resource, CheckContext context) {
        List<Finding> out = new ArrayList<>();
        Set<String> ignored = ignoredByAnnotation(resource);
        String given = resource.annotations().get(IGNORE_REASON_ANNOTATION);
        String reason = given == null || given.isBlank() ? "exempted by annotation (no reason given)" : given;
        for (CheckRegistry.Entry entry : checks) {
            CheckMeta meta = entry.meta();
            FindingSink sink = new FindingSink() {
                @Override
                public void report(JsonPath path, String message) {
                    report(path, meta.severity(), message);
                }

                @Override
                public void report(JsonPath path, Severity severity, String message) {
                    Position p = resource.locate(path);
                    Finding f = new Finding(meta, config.severityOf(meta, severity), message, resource.ref(),
                            resource.origin().file(), resource.origin().document(), p.line(), p.column(), path, null);
                    out.add(suppress(f, ignored, reason));
                }
            };
            entry.check().check(resource, context, sink);
        }
        return out;
    }

    /**
     * The exemptions of the configuration and of the object's own ignore annotation, applied to a
     * finding made outside the per-check loop (the admission policy findings, {@code vap:NAME}).
     */
    public Finding exempt(Finding f, Resource resource) {
        String given = resource.annotations().get(IGNORE_REASON_ANNOTATION);
        String reason = given == null || given.isBlank() ? "exempted by annotation (no reason given)" : given;
        return suppress(f, ignoredByAnnotation(resource), reason);
    }

    private Finding suppress(Finding f, Set<String> ignored, String annotationReason) {
        boolean annotationMaySuppress = !f.checkId().equals(EXEMPTION_REASON_MISSING);
        if (annotationMaySuppress && (ignored.contains(f.checkId()) || ignored.contains("*"))) {
            return f.withSuppression(new Suppression(Suppression.Kind.ANNOTATION, annotationReason));
        }
        for (Exemption e : config.exemptions()) {
            if (e.covers(f.checkId(), f.resource())) {
                return f.withSuppression(new Suppression(Suppression.Kind.CONFIG, e.reason()));
            }
        }
        return f;
    }

    private static Set<String> ignoredByAnnotation(Resource r) {
        Map<String, String> annotations = r.annotations();
        String value = annotations.get(IGNORE_ANNOTATION);
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
