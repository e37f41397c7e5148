package dev.kubeward.source.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random trees with random .gitignore files, info/exclude and force-added files, read by the
 * selection and listed by git itself ({@code git ls-files --cached --others --exclude-standard}):
 * the two must agree file for file. Runs where git is installed; {@code -Dkubeward.git.rounds}
 * and {@code -Dkubeward.git.seed} widen the search.
 */
class GitDifferentialTest {
    private static final String[] NAMES = {"a", "b", "foo", "bar", "build", "doc", "x.o", "lib.a", "keep.yaml", "app.yaml",
        "#hash", "!bang", "sp ace", "déjà.yaml", "Chart", "t1.log", "t22.log", "tmp"};
    private static final String[] PATTERNS = {"*.o", "!keep.yaml", "/build", "build/", "doc/**", "**/foo", "a/**/b",
        "*.[oa]", "!/a/", "foo/*", "!foo/bar", "b?r", "[ab]*", "\\#hash", "\\!bang", "t?.log", "t[0-9][0-9].log",
        "*.yaml", "!app.yaml", "sp\\ ace", "tmp/", "/*/x.o", "**/b/**", "!**/keep.yaml", "déjà*", "a/", "!b", "*",
        "!*/", "foo/**/lib.a", "[!a-c]*", "[[:alpha:]]", "bar ", "# comment", "", "lib.a/", "*/", "**", "a/*/x.o"};

    @Test
    void agreesWithGitOnRandomTrees(@TempDir Path dir) throws Exception {
        assumeTrue(Trees.gitAvailable(), "git is not installed");
        long seed = Long.getLong("kubeward.git.seed", 14L);
        int rounds = Integer.getInteger("kubeward.git.rounds", 40);
        Random random = new Random(seed);
        for (int round = 0; round < rounds; round++) {
            Path repo = Files.createDirectories(dir.resolve("r" + round));
            Trees.git(repo, "init", "-q");
            List<String> files = new ArrayList<>();
            int count = 8 + random.nextInt(20);
            for (int i = 0; i < count; i++) {
                StringBuilder path = new StringBuilder();
                int depth = random.nextInt(4);
                for (int d = 0; d < depth; d++) {
                    path.append(NAMES[random.nextInt(NAMES.length)]).append('/');
                }
                path.append(NAMES[random.nextInt(NAMES.length)]);
                files.add(path.toString());
            }
            List<String> entries = new ArrayList<>();
            for (String f : files) {
                // a name cannot be both a file and a directory: keep the first use
                if (entries.stream().noneMatch(e -> e.startsWith(f + "/") || f.startsWith(e + "/") || e.equals(f))) {
                    entries.add(f);
                }
            }
            List<String> dirs = new ArrayList<>(List.of(""));
            for (String e : entries) {
                for (int i = e.indexOf('/'); i > 0; i = e.indexOf('/', i + 1)) {
                    if (!dirs.contains(e.substring(0, i + 1))) {
                        dirs.add(e.substring(0, i + 1));
                    }
                }
            }
            List<String> written = new ArrayList<>(entries);
            for (String d : dirs) {
                if (random.nextInt(3) == 0 && entries.stream().noneMatch(e -> e.equals(d + ".gitignore"))) {
                    written.add(d + ".gitignore=" + rules(random));
                }
            }
            if (random.nextInt(3) == 0) {
                written.add(".git/info/exclude=" + rules(random));
            }
            Trees.write(repo, written.toArray(String[]::new));
            List<String> force = entries.stream().filter(e -> random.nextInt(4) == 0).toList();
            if (!force.isEmpty()) {
                List<String> args = new ArrayList<>(List.of("add", "-f", "--"));
                args.addAll(force);
                Trees.git(repo, args.toArray(String[]::new));
            }
            List<String> ours = Trees.selected(repo, FileSelection.Options.DEFAULT);
            ours.removeIf(p -> p.startsWith(".git/"));
            assertThat(ours).as("round %d (seed %d): %s", round, seed, written).isEqualTo(Trees.gitFiles(repo));
        }
    }

    private static String rules(Random random) {
        StringBuilder text = new StringBuilder();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            text.append(PATTERNS[random.nextInt(PATTERNS.length)]).append(random.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        return text.toString();
    }
}
