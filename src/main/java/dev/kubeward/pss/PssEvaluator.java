package dev.kubeward.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.PodTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates pod templates against the Pod Security Standards offline, giving the verdicts
 * pod-security-admission gives. Immutable and thread-safe; share one instance.
 */
public final class PssEvaluator {

    private static final PssEvaluator STANDARD = new PssEvaluator(ControlRegistry.standard());

    private final ControlRegistry registry;

    private PssEvaluator(ControlRegistry registry) {
        this.registry = registry;
    }

    /** The evaluator with the upstream check inventory. */
    public static PssEvaluator standard() {
        return STANDARD;
    }

    /**
     * Evaluates one pod template.
     *
     * @param podMetadata  the pod's metadata object (for annotations); may be null or missing
     * @param podSpec      the pod's spec object
     * @param metadataPath where {@code podMetadata} sits in the enclosing object, e.g. {@code spec.template.metadata}
     * @param specPath     where {@code podSpec} sits in the enclosing object, e.g. {@code spec.template.spec}
     */
    public Verdict evaluate(Level level, PssVersion version, JsonNode podMetadata, JsonNode podSpec,
                            String metadataPath, String specPath) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(metadataPath, "metadataPath");
        Objects.requireNonNull(specPath, "specPath");
        ControlCheck[] checks = registry.checks(level, version);
        if (checks.length == 0) {
            return Verdict.ALLOWED;
        }
        PodView pod = new PodView(podMetadata, podSpec, metadataPath, specPath);
        // An empty ArrayList allocates no backing array until a violation is added.
        List<Violation> violations = new ArrayList<>();
        for (ControlCheck check : checks) {
            check.check(pod, violations);
        }
        return Verdict.of(violations);
    }

    /** Evaluates a pod of the model (any pod-bearing kind: {@link dev.kubeward.model.WorkloadKinds}). */
    public Verdict evaluate(Level level, PssVersion version, PodTemplate pod) {
        return evaluate(level, version, pod.metadata(), pod.spec(), pod.metadataPath().toString(), pod.specPath().toString());
    }

    /** The upstream check IDs that run at this level and version, in evaluation order. */
    public List<String> checkIds(Level level, PssVersion version) {
        return registry.checkIds(level, version);
    }
}
