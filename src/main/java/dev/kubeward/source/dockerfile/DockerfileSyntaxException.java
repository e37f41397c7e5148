package dev.kubeward.source.dockerfile;

/** A Dockerfile that BuildKit would refuse to build, located at the line it would complain about. */
public final class DockerfileSyntaxException extends Exception {
    private final int line;

    public DockerfileSyntaxException(int line, String message) {
        super(message);
        this.line = line;
    }

    /** 1-based line of the offending instruction (its first line when it spans several). */
    public int line() {
        return line;
    }
}
