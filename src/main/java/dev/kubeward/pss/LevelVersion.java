package dev.kubeward.pss;

import java.util.Objects;

/** A level evaluated at a policy version, written {@code baseline:v1.29} as admission writes it. */
public record LevelVersion(Level level, PssVersion version) {

    /** Admission's default for every mode when no AdmissionConfiguration says otherwise. */
    public static final LevelVersion PRIVILEGED_LATEST = new LevelVersion(Level.PRIVILEGED, PssVersion.LATEST);

    public LevelVersion {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(version, "version");
    }

    @Override
    public String toString() {
        return level + ":" + version;
    }
}
