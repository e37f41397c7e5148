package dev.kubeward.check;

/** Why a finding is suppressed: by an annotation on the object, or by the configuration. */
public record Suppression(Kind kind, String reason) {
    public enum Kind { ANNOTATION, CONFIG }
}
