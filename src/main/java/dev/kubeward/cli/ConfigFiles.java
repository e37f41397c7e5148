package dev.kubeward.cli;

import dev.kubeward.check.Config;
import dev.kubeward.check.ConfigException;
import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and reads the configuration with the same YAML reader as manifests, so errors have lines.
 * The first of these wins: {@code --config FILE}; {@code $KUBEWARD_CONFIG}; {@code .kubeward.yaml}
 * or {@code kubeward.yaml} in the working directory; the same names in the repository root (the
 * git top-level of the working directory). Both names in one directory is an error, since one of
 * them would be ignored.
 */
final class ConfigFiles {
    static final List<String> NAMES = List.of(".kubeward.yaml", "kubeward.yaml");
    static final String ENV = "KUBEWARD_CONFIG";

    private ConfigFiles() {}

    /** Where a configuration file came from, as JSON and --verbose name it. */
    enum Source {
        OPTION("--config option"), ENVIRONMENT("$" + ENV + " variable"), WORKING_DIRECTORY("working directory"),
        REPOSITORY_ROOT("repository root");

        final String description;

        Source(String description) {
            this.description = description;
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** A configuration file and where it was found; {@code display} is how messages name it. */
    record Located(Path path, String display, Source source) {}

    /** The configuration and the file it was read from (null for the defaults). */
    record Loaded(Config config, Located file, List<String> searched) {}

    /** The file to read, if any, by the precedence above. */
    static Optional<Located> locate(Path explicit, Environment env, List<String> searched) throws ConfigException {
        Path cwd = env.workingDirectory();
        if (explicit != null) {
            return Optional.of(new Located(cwd.resolve(explicit), explicit.toString(), Source.OPTION));
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null) {
            return Optional.of(new Located(cwd.resolve(fromEnv), fromEnv, Source.ENVIRONMENT));
        }
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(cwd.normalize());
        GitRoot.of(cwd).ifPresent(dirs::add);
        Source source = Source.WORKING_DIRECTORY;
        for (Path dir : dirs) {
            List<Path> found = new ArrayList<>();
            for (String name : NAMES) {
                Path candidate = dir.resolve(name);
                searched.add(display(cwd, candidate));
                if (Files.isRegularFile(candidate)) {
                    found.add(candidate);
                }
            }
            if (found.size() > 1) {
                throw new ConfigException(display(cwd, found.get(1)), 0, "both " + NAMES.get(0) + " and "
                        + NAMES.get(1) + " are in " + display(cwd, dir) + "; keep one, since the other would be ignored");
            }
            if (!found.isEmpty()) {
                return Optional.of(new Located(found.get(0), display(cwd, found.get(0)), source));
            }
            source = Source.REPOSITORY_ROOT;
        }
        return Optional.empty();
    }

    /** A path as a message should name it: relative to the working directory when below it. */
    private static String display(Path cwd, Path p) {
        Path base = cwd.normalize();
        Path abs = p.normalize();
        if (abs.equals(base)) {
            return ".";
        }
        if (abs.startsWith(base)) {
            return base.relativize(abs).toString();
        }
        return abs.toString();
    }

    /** The configuration by the precedence above, or the defaults when there is no file. */
    static Loaded load(Path explicit, Environment env, Set<String> knownChecks) throws ConfigException {
        List<String> searched = new ArrayList<>();
        Optional<Located> located = locate(explicit, env, searched);
        if (located.isEmpty()) {
            return new Loaded(Config.DEFAULT, null, List.copyOf(searched));
        }
        return new Loaded(read(located.get(), knownChecks), located.get(), List.copyOf(searched));
    }

    private static Config read(Located file, Set<String> knownChecks) throws ConfigException {
        String name = file.display();
        Path path = file.path();
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ConfigException(name, 0, "cannot read the configuration"
                    + (file.source() == Source.ENVIRONMENT ? " named by $" + ENV : "") + ": "
                    + (Files.exists(path) ? e.getMessage() : "no such file"));
        }
        ParsedDocument doc;
        try {
            doc = YamlTreeBuilder.parse(text, 1);
        } catch (YamlTreeBuilder.YamlError e) {
            throw new ConfigException(name, e.line(), e.getMessage());
        }
        if (doc == null) {
            return Config.DEFAULT;
        }
        if (!doc.duplicates().isEmpty()) {
            throw new ConfigException(name, doc.duplicates().get(0).winner().line(),
                    "key " + doc.duplicates().get(0).path() + " is written twice");
        }
        return Config.parse(doc.root(), name, p -> doc.sourceMap().locate(doc.root(), p).line(), knownChecks);
    }

    /**
     * The configuration with one top-level setting replaced by a command-line option, validated
     * as the file's own value would be.
     */
    static Config withSetting(Config config, String key, String value, String option, Set<String> knownChecks)
            throws ConfigException {
        com.fasterxml.jackson.databind.node.ObjectNode tree = config.raw() instanceof com.fasterxml.jackson.databind.node.ObjectNode o
                ? o.deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        tree.put(key, value);
        try {
            // Re-read under the option's name; the exemptions, signature rules and builds keep the file and lines they were written at.
            return Config.parse(tree, option, p -> 0, knownChecks).withExemptions(config.exemptions())
                    .withSignatureRules(config.signatureRules()).withBuilds(config.builds());
        } catch (ConfigException e) {
            throw new ConfigException(option, 0, e.getMessage());
        }
    }
}
