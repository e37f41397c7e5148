package dev.kubeward.cli;

import dev.kubeward.image.oci.ImageException;
import dev.kubeward.image.oci.RegistryClient;
import dev.kubeward.image.oci.RegistryCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** How commands that pull from registries reach them: plain-HTTP registries, the timeout; credentials from the Docker configuration. */
final class RegistryOptions {
    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "a registry spoken to in plain HTTP, as a local one is (repeatable)")
    List<String> insecure;

    @Option(names = "--registry-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "connect, response and idle timeout for registries, in seconds (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    /** The options, with credentials from $DOCKER_CONFIG/config.json (else ~/.docker/config.json). */
    RegistryClient.Options options(Environment env) throws ImageException {
        return new RegistryClient.Options(insecure == null ? Set.of() : Set.copyOf(insecure),
                RegistryCredentials.fromEnvironment(env.variables()), Duration.ofSeconds(Math.max(1, timeoutSeconds)));
    }
}
