package dev.kubeward.cli;

import dev.kubeward.check.ConfigException;
import dev.kubeward.report.RenderOptions;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -c/--config}, declared once for every command that reads the configuration, with the
 * discovery {@link ConfigFiles} implements. The file used is named with {@code --verbose} and in
 * the command's JSON.
 */
final class ConfigOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", order = 110,
            description = "the configuration file (default: $KUBEWARD_CONFIG, else .kubeward.yaml or kubeward.yaml in the working directory, else in the repository root)")
    Path config;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Finds and reads the configuration; with --verbose, says which file it was. */
    ConfigFiles.Loaded load(Set<String> knownChecks, OutputOptions output) throws ConfigException {
        ConfigFiles.Loaded loaded = ConfigFiles.load(config, Main.environment(command), knownChecks);
        if (loaded.file() == null) {
            output.verbose("config: none (looked for " + String.join(", ", loaded.searched()) + "); using the defaults");
        } else {
            output.verbose("config: " + loaded.file().display() + " (from the " + loaded.file().source().description + ")");
        }
        return loaded;
    }

    /** The rendering options that name the configuration used. */
    static RenderOptions named(RenderOptions options, ConfigFiles.Loaded loaded) {
        return loaded.file() == null ? options.withConfig(null, null)
                : options.withConfig(loaded.file().display(), loaded.file().source().label());
    }
}
