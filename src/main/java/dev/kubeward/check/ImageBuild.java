package dev.kubeward.check;

/**
 * One entry of {@code images.builds} in the configuration: this Dockerfile builds the images of
 * this repository, so the workloads that run them are checked together with it
 * (docs/dockerfile.md#dockerfiles-and-the-workloads-that-run-their-image).
 *
 * @param dockerfile the path as written, relative to the configuration file's directory
 * @param repository the repository normalised as the container runtime does ({@code docker.io/library/nginx})
 * @param file the configuration file, as messages name it
 * @param line the line of the entry in it
 */
public record ImageBuild(String dockerfile, String repository, String file, int line) {
    /** {@code file:line}, how an error about the entry starts. */
    public String where() {
        return file + ":" + line;
    }
}
