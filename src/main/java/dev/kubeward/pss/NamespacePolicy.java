package dev.kubeward.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The policy Pod Security admission applies to a namespace, resolved from its
 * {@code pod-security.kubernetes.io/<mode>} and {@code <mode>-version} labels the way
 * admission resolves them:
 * <ul>
 *   <li>an absent label keeps the default (privileged:latest unless configured otherwise);</li>
 *   <li>an invalid enforce level fails closed to {@code restricted};</li>
 *   <li>an invalid audit or warn level fails open to {@code privileged};</li>
 *   <li>an invalid version evaluates as {@code latest};</li>
 *   <li>a valid version newer than this engine knows evaluates as the newest known version.</li>
 * </ul>
 * Admission still evaluates pods with the fallback values and records the parse errors.
 */
public record NamespacePolicy(ModePolicy enforce, ModePolicy audit, ModePolicy warn) {

    public NamespacePolicy {
        Objects.requireNonNull(enforce, "enforce");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(warn, "warn");
    }

    /** Resolves a Namespace object's labels with admission's built-in defaults. */
    public static NamespacePolicy fromNamespace(JsonNode namespace) {
        Map<String, String> labels = new HashMap<>();
        JsonNode labelNode = Json.field(Json.field(namespace, "metadata"), "labels");
        if (labelNode != null && labelNode.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = labelNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue() != null && !field.getValue().isNull()) {
                    labels.put(field.getKey(), Json.scalarText(field.getValue()));
                }
            }
        }
        return fromLabels(labels);
    }

    /** Resolves labels with admission's built-in defaults: privileged:latest for every mode. */
    public static NamespacePolicy fromLabels(Map<String, String> labels) {
        return fromLabels(labels, LevelVersion.PRIVILEGED_LATEST, LevelVersion.PRIVILEGED_LATEST,
                LevelVersion.PRIVILEGED_LATEST);
    }

    /** Resolves labels over the defaults an AdmissionConfiguration would set. */
    public static NamespacePolicy fromLabels(Map<String, String> labels, LevelVersion enforceDefault,
                                             LevelVersion auditDefault, LevelVersion warnDefault) {
        return new NamespacePolicy(
                resolve(PolicyMode.ENFORCE, labels, enforceDefault, Level.RESTRICTED),
                resolve(PolicyMode.AUDIT, labels, auditDefault, Level.PRIVILEGED),
                resolve(PolicyMode.WARN, labels, warnDefault, Level.PRIVILEGED));
    }

    private static ModePolicy resolve(PolicyMode mode, Map<String, String> labels, LevelVersion defaults,
                                      Level levelOnError) {
        String levelLabel = labels.get(mode.levelLabel());
        String versionLabel = labels.get(mode.versionLabel());
        Level level = defaults.level();
        boolean levelInvalid = false;
        if (levelLabel != null) {
            try {
                level = Level.parse(levelLabel);
            } catch (IllegalArgumentException invalid) {
                level = levelOnError;
                levelInvalid = true;
            }
        }
        PssVersion version = defaults.version();
        boolean versionInvalid = false;
        if (versionLabel != null) {
            try {
                version = PssVersion.parse(versionLabel);
            } catch (IllegalArgumentException invalid) {
                version = PssVersion.LATEST;
                versionInvalid = true;
            }
        }
        return new ModePolicy(mode, new LevelVersion(level, version), levelLabel, levelInvalid, versionLabel,
                versionInvalid);
    }

    public ModePolicy mode(PolicyMode mode) {
        return switch (mode) {
            case ENFORCE -> enforce;
            case AUDIT -> audit;
            case WARN -> warn;
        };
    }

    public boolean hasInvalidLabels() {
        return enforce.isInvalid() || audit.isInvalid() || warn.isInvalid();
    }

    /** Every label error, enforce then audit then warn. */
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        errors.addAll(enforce.errors());
        errors.addAll(audit.errors());
        errors.addAll(warn.errors());
        return errors;
    }
}
