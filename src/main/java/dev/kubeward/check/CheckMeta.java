package dev.kubeward.check;

import java.util.List;
import java.util.regex.Pattern;

/** A check's metadata as a value, read from its {@link CheckInfo} annotation. */
public record CheckMeta(
        String id,
        String title,
        Severity severity,
        String category,
        String description,
        String rationale,
        String remediation,
        Frameworks frameworks,
        boolean enabledByDefault) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** The framework controls a check serves. */
    public record Frameworks(List<String> cis, List<String> nsaCisa, List<String> pss, List<String> mitre) {}

    public static CheckMeta of(Class<?> type) {
        CheckInfo info = type.getAnnotation(CheckInfo.class);
        if (info == null) {
            throw new IllegalStateException(type.getName() + " has no @CheckInfo");
        }
        if (!ID.matcher(info.id()).matches()) {
            throw new IllegalStateException(type.getName() + ": check id '" + info.id() + "' is not a lowercase slug");
        }
        return new CheckMeta(info.id(), info.title(), info.severity(), info.category(), info.description(),
                info.rationale(), info.remediation(),
                new Frameworks(List.of(info.cis()), List.of(info.nsaCisa()), List.of(info.pss()), List.of(info.mitre())),
                info.enabledByDefault());
    }

    /** The same check at another severity: the effective one, after a configuration override. */
    public CheckMeta withSeverity(Severity s) {
        return new CheckMeta(id, title, s, category, description, rationale, remediation, frameworks, enabledByDefault);
    }
}
