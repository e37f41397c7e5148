package dev.kubeward.source.dockerfile;

/**
 * The parser directives at the top of a Dockerfile.
 *
 * @param escape the escape and line-continuation character: {@code \} or {@code `}
 * @param syntax the frontend image named by {@code # syntax=}, or null
 * @param check the value of {@code # check=}, or null
 */
public record Directives(char escape, String syntax, String check) {
    public static final Directives DEFAULT = new Directives('\\', null, null);
}
