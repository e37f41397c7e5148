package dev.kubeward.check;

import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Location;
import dev.kubeward.model.Position;
import dev.kubeward.model.Resource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The engine's core loop: every enabled check over every object, in parallel, then severities
 * and exemptions from the configuration and the objects' own annotations ({@link Exemptions}),
 * then the checks about the exemptions themselves ({@link ExemptionCheck}).
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
    private final Set<String> knownIds;
    private List<CheckIdNamespace> idNamespaces = CheckIds.installedNamespaces();
    private LocalDate today;

    public Scanner(CheckRegistry registry, Config config) {
        this.checks = registry.entries().stream().filter(e -> config.isEnabled(e.meta())).collect(Collectors.toList());
        this.config = config;
        // Exemptions are validated against every installed check, not only those this door runs
        // (images runs the image rules alone, a fixture one check): an exemption for another check
        // is not a typo.
        Set<String> ids = new java.util.HashSet<>(CheckRegistry.builtIn().ids());
        ids.addAll(registry.ids());
        this.knownIds = Set.copyOf(ids);
    }

    /** Judges exemption expiry on this day instead of today (the clock of {@code --now} and of tests). */
    public Scanner today(LocalDate day) {
        this.today = day;
        return this;
    }

    /** The namespaced check ids exemptions may name, instead of those installed on the class path. */
    public Scanner idNamespaces(List<CheckIdNamespace> namespaces) {
        this.idNamespaces = List.copyOf(namespaces);
        return this;
    }

    /**
     * Findings that an engine makes per object under ids of its own rather than a check's
     * ({@code vap:POLICY-NAME} for the admission policies of the input), reported in the
     * per-object pass so that exemptions, annotations and their bookkeeping treat them as any
     * finding. Called from several threads at once.
     */
    public interface ObjectFindings {
        /** Reports what the engine finds on one object. */
        void findings(Resource resource, ObjectSink sink);
    }

    /** Where {@link ObjectFindings} report: the finding's metadata comes with each report. */
    public interface ObjectSink {
        void report(CheckMeta meta, JsonPath path, Severity severity, String message);
    }

    private ObjectFindings objectFindings;

    private SignatureStatus signatures;

    /** What the checks learn of image signatures (image-signature-required); none by default. */
    public Scanner signatures(SignatureStatus status) {
        this.signatures = status;
        return this;
    }

    private boolean parallel = true;

    /**
     * Runs the checks on the calling thread: for a door that scans one object per request (the
     * admission webhook), where the request threads are the parallelism and forking per object
     * costs more than it saves. {@link Check#prepare} is not called: each check builds what it
     * needs on first use, so an object pays only for the models its checks read.
     */
    public Scanner sequential() {
        this.parallel = false;
        return this;
    }

    /** Adds findings of an engine to the per-object pass (see {@link ObjectFindings}). */
    public Scanner objectFindings(ObjectFindings extra) {
        this.objectFindings = extra;
        return this;
    }

    public List<CheckRegistry.Entry> enabledChecks() {
        return checks;
    }

    public List<Finding> scan(Inventory inventory) {
        return scan(inventory, inventory.all());
    }

    /**
     * Scans {@code targets}, which are part of {@code inventory}; the rest of the inventory is
     * context: cross-object checks see it, but nothing is reported on it and its annotations
     * exempt nothing.
     */
    public List<Finding> scan(Inventory inventory, List<Resource> targets) {
        CheckContext context = new CheckContext(inventory, config, signatures);
        if (parallel) {
            // prepare only builds ahead, side by side, what check() would otherwise build lazily
            // through Inventory.derived; one thread gains nothing from it, and a one-object scan
            // (admission) would pay for models (RBAC, NetworkPolicy) no check of that object reads.
            checks.parallelStream().forEach(e -> e.check().prepare(context));
        }
        Exemptions exemptions = new Exemptions(config, targets, CheckIds.of(knownIds, idNamespaces, inventory),
                today == null ? LocalDate.now() : today);
        List<Finding> findings = (parallel ? targets.parallelStream() : targets.stream())
                .flatMap(r -> scanOne(r, context, exemptions).stream())
                .collect(Collectors.toCollection(ArrayList::new));
        // After the per-object pass, when every use of every exemption has been counted.
        for (CheckRegistry.Entry entry : checks) {
            if (entry.check() instanceof ExemptionCheck check) {
                CheckMeta meta = entry.meta();
                check.checkExemptions(exemptions, (site, message) -> findings.add(new Finding(meta,
                        config.severityOf(meta, meta.severity()), message, site.object(), site.file(), site.document(),
                        site.line(), site.column(), site.path(), null)));
            }
        }
        findings.sort(ORDER);
        return findings;
    }

    private List<Finding> scanOne(Resource resource, CheckContext context, Exemptions exemptions) {
        List<Finding> out = new ArrayList<>();
        for (CheckRegistry.Entry entry : checks) {
            if (entry.check() instanceof ExemptionCheck) {
                continue;
            }
            CheckMeta meta = entry.meta();
            FindingSink sink = new FindingSink() {
                @Override
                public void report(JsonPath path, String message) {
                    report(path, meta.severity(), message);
                }

                @Override
                public void report(JsonPath path, Severity severity, String message) {
                    report(path, severity, message, List.of());
                }

                @Override
                public void report(JsonPath path, String message, List<RelatedLocation> related) {
                    report(path, meta.severity(), message, related);
                }

                @Override
                public void report(JsonPath path, Severity severity, String message, List<RelatedLocation> related) {
                    Location p = resource.where(path);
                    Finding f = new Finding(meta, config.severityOf(meta, severity), p.qualify(message), resource.ref(),
                            p.file(), resource.origin().document(), p.line(), p.column(), path, null, related);
                    Suppression s = exemptions.suppress(f, resource);
                    out.add(s == null ? f : f.withSuppression(s));
                }
            };
            entry.check().check(resource, context, sink);
        }
        if (objectFindings != null) {
            objectFindings.findings(resource, (meta, path, severity, message) -> {
                Location p = resource.where(path);
                Finding f = new Finding(meta, config.severityOf(meta, severity), p.qualify(message), resource.ref(),
                        p.file(), resource.origin().document(), p.line(), p.column(), path, null);
                Suppression s = exemptions.suppress(f, resource);
                out.add(s == null ? f : f.withSuppression(s));
            });
        }
        return out;
    }
}
