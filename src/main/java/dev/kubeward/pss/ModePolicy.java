package dev.kubeward.pss;

import dev.kubeward.model.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The level and version admission uses for one mode of a namespace, and the raw label values
 * behind them so invalid labels can be reported.
 *
 * @param levelLabel     the raw level label value, or {@code null} when the label is absent
 * @param levelInvalid   whether the level label is present but not a valid level
 * @param versionLabel   the raw version label value, or {@code null} when the label is absent
 * @param versionInvalid whether the version label is present but not {@code latest} or {@code v1.x}
 */
public record ModePolicy(PolicyMode mode, LevelVersion effective,
                         String levelLabel, boolean levelInvalid,
                         String versionLabel, boolean versionInvalid) {

    public ModePolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(effective, "effective");
        if (levelInvalid && levelLabel == null || versionInvalid && versionLabel == null) {
            throw new IllegalArgumentException("only a present label can be invalid");
        }
    }

    public Level level() {
        return effective.level();
    }

    public PssVersion version() {
        return effective.version();
    }

    public boolean isInvalid() {
        return levelInvalid || versionInvalid;
    }

    /** Admission's field errors for this mode's invalid labels, e.g. {@code metadata.labels[...]: Invalid value: ...}. */
    public List<String> errors() {
        List<String> errors = new ArrayList<>(2);
        if (levelInvalid) {
            errors.add(invalid(mode.levelLabel(), levelLabel, "must be one of privileged, baseline, restricted"));
        }
        if (versionInvalid) {
            errors.add(invalid(mode.versionLabel(), versionLabel, "must be \"latest\" or \"v1.x\""));
        }
        return errors;
    }

    private static String invalid(String label, String value, String why) {
        return "metadata.labels[" + label + "]: Invalid value: " + FieldError.goQuote(value) + ": " + why;
    }
}
