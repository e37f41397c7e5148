package dev.kubeward.image.version;

/**
 * The order of the versions of one ecosystem, implemented to the letter of that ecosystem's own
 * rules (see {@link Orderings} for which ecosystem gets which).
 */
public interface VersionOrdering {
    /** A short name: {@code dpkg}, {@code apk}, {@code rpm}, {@code pep440}, … */
    String name();

    /**
     * Negative, zero or positive as {@code a} sorts before, with or after {@code b}.
     *
     * @throws InvalidVersionException when either version is not one the ecosystem accepts
     */
    int compare(String a, String b);

    /**
     * Checks that a version is one the ecosystem accepts.
     *
     * @throws InvalidVersionException when it is not
     */
    void validate(String version);
}
