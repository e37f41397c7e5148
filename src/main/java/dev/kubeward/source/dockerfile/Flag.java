package dev.kubeward.source.dockerfile;

/**
 * A builder flag such as {@code --mount=type=cache,target=/root/.cache} or {@code --link}.
 * A list rather than a map keeps repeated flags: RUN may carry several {@code --mount}s.
 *
 * @param value the text after '=', or null for a flag written without one
 */
public record Flag(String name, String value) {}
