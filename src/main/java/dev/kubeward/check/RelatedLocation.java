package dev.kubeward.check;

/**
 * Another place a finding is about, besides its own location: the Dockerfile instruction of a
 * finding on a manifest field, say. SARIF writes it as a result's {@code relatedLocations}.
 *
 * @param message what is at that place, as a short sentence
 */
public record RelatedLocation(String file, int line, int column, String message) {}
