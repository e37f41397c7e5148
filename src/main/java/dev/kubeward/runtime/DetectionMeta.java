package dev.kubeward.runtime;

import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditStage;
import dev.kubeward.check.Severity;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A detection's metadata as a value, read from its {@link DetectionInfo}. */
public record DetectionMeta(
        String id,
        String title,
        Severity severity,
        String description,
        String response,
        List<String> mitre,
        List<String> falco,
        AuditLevel level,
        Set<AuditStage> stages,
        AuditLevel falcoMisfiresBelow) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern MITRE = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    public static DetectionMeta of(Class<?> type) {
        DetectionInfo info = type.getAnnotation(DetectionInfo.class);
        if (info == null) {
            throw new IllegalStateException(type.getName() + " has no @DetectionInfo");
        }
        if (!ID.matcher(info.id()).matches()) {
            throw new IllegalStateException(type.getName() + ": detection id '" + info.id() + "' is not a lowercase slug");
        }
        for (String m : info.mitre()) {
            if (!MITRE.matcher(m).matches()) {
                throw new IllegalStateException(type.getName() + ": '" + m + "' is not an ATT&CK technique id");
            }
        }
        if (info.stages().length == 0 || info.level() == AuditLevel.NONE) {
            throw new IllegalStateException(type.getName() + ": a detection needs a level above None and a stage");
        }
        EnumSet<AuditStage> stages = EnumSet.noneOf(AuditStage.class);
        stages.addAll(List.of(info.stages()));
        return new DetectionMeta(info.id(), info.title(), info.severity(), info.description(), info.response(),
                List.of(info.mitre()), List.of(info.falco()), info.level(), Set.copyOf(stages), info.falcoMisfiresBelow());
    }

    /** The stages in the API's order, as the outputs list them. */
    public List<AuditStage> orderedStages() {
        return EnumSet.copyOf(stages).stream().toList();
    }
}
