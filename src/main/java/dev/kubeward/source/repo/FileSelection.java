package dev.kubeward.source.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which files under a directory the user named are read: a repository scanned as git sees it.
 * The directory walk asks {@link Root#exclusion} for every directory and candidate file it meets;
 * the first of these that has an answer decides:
 *
 * <ol>
 *   <li>{@code .git} is git's own data and is never read;
 *   <li>the user's patterns ({@code --exclude}, then {@code exclude:} of the configuration): the
 *       last matching pattern excludes, or with {@code !} includes;
 *   <li>git's: the .gitignore files from the directory of the path up to the top of the work tree
 *       (the nearest one first), then {@code .git/info/exclude}; a file the index tracks is never
 *       ignored (as in git), and an ignored directory that holds tracked files is walked for those
 *       only. Outside a git work tree, the .gitignore files at and below the named directory
 *       count. {@code --no-gitignore} switches this step off;
 *   <li>kubeward's defaults: dependency and vendored trees ({@code node_modules/}, {@code vendor/},
 *       and Checkov's {@code .terraform/} and {@code .serverless/}), which {@code --exclude '!vendor/'}
 *       overrides.
 * </ol>
 *
 * A file under a Helm chart's {@code templates/} (a directory beside a {@code Chart.yaml}) that is
 * not excluded is a template, not a manifest, and is left out as such. A directory excluded is
 * not entered: as in git, nothing below an excluded directory can be re-included. The directory
 * the user named is always read, whatever the rules above it say.
 */
public final class FileSelection {
    /** User patterns and the directory they are relative to. */
    public record Excludes(Path base, IgnoreRules rules) {
        public Excludes {
            base = base.toAbsolutePath().normalize();
        }
    }

    /**
     * @param gitignore false for {@code --no-gitignore}
     * @param excludes the user's pattern lists, the one that wins first
     */
    public record Options(boolean gitignore, List<Excludes> excludes) {
        public static final Options DEFAULT = new Options(true, List.of());

        public Options {
            excludes = List.copyOf(excludes);
        }
    }

    /** kubeward's default exclusions, as gitignore patterns. */
    static final List<String> DEFAULT_PATTERNS = List.of("node_modules/", "vendor/", ".terraform/", ".serverless/");
    private static final IgnoreRules DEFAULTS = IgnoreRules.of("kubeward's default", "", DEFAULT_PATTERNS, List.of());
    /** How a chart template's exclusion names its chart: this, then the chart's directory. */
    public static final String CHART_RULE = "chart ";
    private static final String GITIGNORE = ".gitignore";
    private static final String CHART = "Chart.yaml";

    private final Options options;

    public FileSelection(Options options) {
        this.options = options;
    }

    /** The selection under one directory the user named. */
    public Root root(Path directory) {
        return new Root(directory.toAbsolutePath().normalize());
    }

    /** A work tree (or, outside git, the named directory) that patterns are relative to. */
    private record Context(Path top, GitRepository repo, IgnoreRules infoExclude) {}

    /** What is known of a directory that is read. */
    private record Dir(Context context, List<IgnoreRules> gitignores, String ignoredBy, Path chart) {}

    /** How git's rules answer for one path. */
    private enum Git { NONE, IGNORED, INCLUDED, TRACKED }

    public final class Root {
        private final Path top;
        private final Map<Path, Dir> dirs = new HashMap<>();

        private Root(Path top) {
            this.top = top;
        }

        /**
         * Why {@code path}, which the walk found below this root, is not read, or null when it is
         * read. Call it for a directory before walking into it.
         */
        public Exclusion exclusion(Path path, boolean directory) {
            Path abs = path.toAbsolutePath().normalize();
            if (abs.equals(top)) {
                return null;
            }
            Dir parent = dir(abs.getParent());
            if (parent == null) {
                return new Exclusion(path.toString(), directory, Exclusion.Reason.EXCLUDED, "inside a directory left out");
            }
            return decide(path.toString(), abs, directory, parent);
        }

        private Dir dir(Path abs) {
            Dir known = dirs.get(abs);
            if (known != null || dirs.containsKey(abs)) {
                return known;
            }
            Dir computed;
            if (abs.equals(top) || abs.getParent() == null || !abs.startsWith(top)) {
                computed = rootDir(abs);
            } else {
                Dir parent = dir(abs.getParent());
                computed = parent == null || decide(abs.toString(), abs, true, parent) != null ? null : dirs.get(abs);
            }
            dirs.put(abs, computed);
            return computed;
        }

        private Dir rootDir(Path abs) {
            Optional<GitRepository> repo = options.gitignore() ? GitRepository.enclosing(abs) : Optional.empty();
            Context context = repo.map(r -> new Context(r.root(), r, r.infoExclude()))
                    .orElseGet(() -> new Context(abs, null, null));
            List<IgnoreRules> chain = new ArrayList<>();
            if (options.gitignore()) {
                List<Path> levels = new ArrayList<>();
                for (Path d = abs; d != null && d.startsWith(context.top()); d = d.getParent()) {
                    levels.add(0, d);
                }
                for (Path d : levels) {
                    readGitignore(context, d).ifPresent(chain::add);
                }
            }
            Path chart = null;
            for (Path d = abs; d != null && d.getParent() != null && chart == null; d = d.getParent()) {
                if (isChartTemplates(d)) {
                    chart = d.getParent();
                }
            }
            return new Dir(context, List.copyOf(chain), null, chart);
        }

        /** Decides one path; for a directory that is read, records what its children need. */
        private Exclusion decide(String shown, Path abs, boolean directory, Dir parent) {
            String name = abs.getFileName().toString();
            if (name.equals(".git")) {
                return new Exclusion(shown, directory, Exclusion.Reason.DEFAULT, ".git: git's own data");
            }
            Boolean user = null;
            for (Excludes ex : options.excludes()) {
                IgnoreRules.Rule rule = abs.startsWith(ex.base()) && !abs.equals(ex.base())
                        ? ex.rules().match(relative(ex.base(), abs), directory)
                        : ex.rules().matchName(name, directory);
                if (rule != null) {
                    if (!rule.negative()) {
                        return new Exclusion(shown, directory, Exclusion.Reason.EXCLUDED, rule.toString());
                    }
                    user = Boolean.TRUE;
                    break;
                }
            }
            String ignoredBy = null;
            if (user == null) {
                Context context = parent.context();
                String rel = relative(context.top(), abs);
                Git git = Git.NONE;
                String rule = null;
                if (parent.ignoredBy() != null) {
                    git = Git.IGNORED;
                    rule = parent.ignoredBy();
                } else if (options.gitignore()) {
                    IgnoreRules.Rule match = null;
                    for (int i = parent.gitignores().size() - 1; i >= 0 && match == null; i--) {
                        match = parent.gitignores().get(i).match(rel, directory);
                    }
                    if (match == null && context.infoExclude() != null) {
                        match = context.infoExclude().match(rel, directory);
                    }
                    if (match != null) {
                        git = match.negative() ? Git.INCLUDED : Git.IGNORED;
                        rule = match.toString();
                    }
                }
                if (git == Git.IGNORED && context.repo() != null
                        && (directory ? context.repo().tracksUnder(rel) : context.repo().tracks(rel))) {
                    // git never ignores what it tracks; a directory is walked for its tracked files.
                    ignoredBy = directory ? rule : null;
                    git = Git.TRACKED;
                }
                if (git == Git.IGNORED) {
                    return new Exclusion(shown, directory, Exclusion.Reason.GIT_IGNORED, rule);
                }
                if (git != Git.INCLUDED) {
                    IgnoreRules.Rule byDefault = DEFAULTS.matchName(name, directory);
                    if (byDefault != null) {
                        return new Exclusion(shown, directory, Exclusion.Reason.DEFAULT,
                                "kubeward skips '" + byDefault.text() + "' trees; --exclude '!" + byDefault.text() + "' reads them");
                    }
                }
            }
            if (!directory) {
                return parent.chart() == null ? null : new Exclusion(shown, false, Exclusion.Reason.HELM_TEMPLATE,
                        CHART_RULE + display(parent.chart()));
            }
            dirs.put(abs, child(abs, parent, ignoredBy));
            return null;
        }

        private Dir child(Path abs, Dir parent, String ignoredBy) {
            Context context = parent.context();
            List<IgnoreRules> chain = parent.gitignores();
            if (options.gitignore() && ignoredBy == null && Files.exists(abs.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                // A repository inside the tree: its own rules, from its own top.
                Optional<GitRepository> nested = GitRepository.at(abs);
                context = nested.map(r -> new Context(abs, r, r.infoExclude())).orElseGet(() -> new Context(abs, null, null));
                chain = List.of();
            }
            if (options.gitignore() && ignoredBy == null) {
                Optional<IgnoreRules> own = readGitignore(context, abs);
                if (own.isPresent()) {
                    List<IgnoreRules> longer = new ArrayList<>(chain);
                    longer.add(own.get());
                    chain = List.copyOf(longer);
                }
            }
            Path chart = parent.chart() != null ? parent.chart() : isChartTemplates(abs) ? abs.getParent() : null;
            return new Dir(context, chain, ignoredBy != null ? ignoredBy : parent.ignoredBy(), chart);
        }
    }

    /** A directory's .gitignore; git does not follow one that is a symbolic link. */
    private static Optional<IgnoreRules> readGitignore(Context context, Path dir) {
        Path file = dir.resolve(GITIGNORE);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > GitRepository.MAX_PATTERN_FILE) {
                return Optional.empty();
            }
            String base = relative(context.top(), dir);
            IgnoreRules rules = IgnoreRules.parse(display(file), base.isEmpty() ? "" : base + "/",
                    Files.readAllBytes(file));
            return rules.isEmpty() ? Optional.empty() : Optional.of(rules);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A {@code templates} directory beside a {@code Chart.yaml}: the templates of a Helm chart. */
    static boolean isChartTemplates(Path dir) {
        return dir.getFileName() != null && dir.getFileName().toString().equals("templates") && dir.getParent() != null
                && Files.isRegularFile(dir.getParent().resolve(CHART));
    }

    private static String relative(Path base, Path abs) {
        return base.relativize(abs).toString().replace('\\', '/');
    }

    /** A file as people find it: relative to the working directory when it is below it. */
    private static String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return file.startsWith(cwd) ? relative(cwd, file) : file.toString();
    }
}
