package dev.kubeward.source.repo;

import static dev.kubeward.source.repo.Trees.selected;
import static dev.kubeward.source.repo.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The semantics of .gitignore as git defines them: the statements and examples of gitignore(5)
 * (git/git Documentation/gitignore.txt) and the scenarios of git's t/t0008-ignores.sh, each
 * written as a tree of files and the files git would consider part of the work tree.
 */
class GitIgnoreSemanticsTest {
    private static final FileSelection.Options GIT = FileSelection.Options.DEFAULT;

    /** A case: the files to write (with .gitignore contents as path=content) and the files read. */
    record Case(String name, List<String> tree, List<String> read) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, String[] tree, String... read) {
        return new Case(name, List.of(tree), List.of(read));
    }

    private static String[] tree(String... entries) {
        return entries;
    }

    static Stream<Case> cases() {
        return Stream.of(
                // gitignore(5), PATTERN FORMAT
                c("a blank line matches no file; # starts a comment",
                        tree(".gitignore=\n# secret.txt\n\n", "secret.txt", "#x"),
                        "#x", ".gitignore", "secret.txt"),
                c("\\# starts a pattern with a hash",
                        tree(".gitignore=\\#x\n", "#x", "x"),
                        ".gitignore", "x"),
                c("trailing spaces are ignored unless quoted with a backslash",
                        tree(".gitignore=secret.txt   \nspace\\ \\ \n", "secret.txt", "space  ", "space"),
                        ".gitignore", "space"),
                c("! negates: a file excluded by a previous pattern is included again",
                        tree(".gitignore=*.log\n!keep.log\n", "a.log", "keep.log", "b/c.log", "b/keep.log"),
                        ".gitignore", "b/keep.log", "keep.log"),
                c("\\! starts a pattern with a literal !",
                        tree(".gitignore=\\!important!.txt\n", "!important!.txt", "important!.txt"),
                        ".gitignore", "important!.txt"),
                c("it is not possible to re-include a file if a parent directory of that file is excluded",
                        tree(".gitignore=build/\n!build/keep.yaml\n!keep.yaml\n", "build/keep.yaml", "build/x/keep.yaml", "keep.yaml"),
                        ".gitignore", "keep.yaml"),
                c("a pattern without a slash matches at any level below the .gitignore",
                        tree(".gitignore=hello.*\n", "hello.c", "a/hello.h", "a/hello.d/x", "hellox"),
                        ".gitignore", "hellox"),
                c("a trailing slash matches directories only: frotz/ matches frotz and a/frotz that are directories",
                        tree(".gitignore=frotz/\n", "frotz/x", "a/frotz/y", "b/frotz"),
                        ".gitignore", "b/frotz"),
                c("a slash at the start or in the middle makes the pattern relative: doc/frotz/ does not match a/doc/frotz",
                        tree(".gitignore=doc/frotz/\n", "doc/frotz/1", "a/doc/frotz/2"),
                        ".gitignore", "a/doc/frotz/2"),
                c("doc/frotz and /doc/frotz have the same effect",
                        tree(".gitignore=/doc/frotz\n", "doc/frotz", "a/doc/frotz"),
                        ".gitignore", "a/doc/frotz"),
                c("foo/* matches foo/test.json and the directory foo/bar (so foo/bar/hello.c goes with it)",
                        tree(".gitignore=foo/*\n", "foo/test.json", "foo/bar/hello.c", "a/foo/test.json"),
                        ".gitignore", "a/foo/test.json"),
                c("**/foo matches foo anywhere; **/foo/bar matches bar directly under a foo",
                        tree(".gitignore=**/foo\n**/x/bar\n", "foo", "a/b/foo", "x/bar", "a/x/bar", "a/x/y/bar", "fool"),
                        ".gitignore", "a/x/y/bar", "fool"),
                c("abc/** matches everything inside abc, relative to the .gitignore",
                        tree(".gitignore=abc/**\n!abc/keep\n", "abc/a", "abc/b/c", "abc/keep", "x/abc/a"),
                        ".gitignore", "abc/keep", "x/abc/a"),
                c("a/**/b matches a/b, a/x/b and a/x/y/b",
                        tree(".gitignore=a/**/b\n", "a/b", "a/x/b", "a/x/y/b", "a/x/c", "z/a/b"),
                        ".gitignore", "a/x/c", "z/a/b"),
                c("other consecutive asterisks are regular asterisks",
                        tree(".gitignore=x**y\n", "xay", "x/y/z", "xy"),
                        ".gitignore", "x/y/z"),
                c("? and [] match one character but not a slash",
                        tree(".gitignore=*.[oa]\nfile?.txt\n[!a]*.log\n", "x.o", "lib.a", "x.c", "file1.txt", "file12.txt", "a.log", "b.log"),
                        ".gitignore", "a.log", "file12.txt", "x.c"),
                // gitignore(5), EXAMPLES
                c("Documentation/.gitignore: *.html except !foo.html; .git/info/exclude: *.[oa]",
                        tree(".git/info/exclude=# objects and archives\n*.[oa]\n", "Documentation/.gitignore=*.html\n!foo.html\n",
                                "Documentation/foo.html", "Documentation/gitignore.html", "file.o", "lib.a", "src/internal.o"),
                        "Documentation/.gitignore", "Documentation/foo.html"),
                c("a deeper .gitignore re-includes: !/vmlinux* in arch/foo/kernel",
                        tree(".gitignore=vmlinux*\n", "arch/foo/kernel/.gitignore=!/vmlinux*\n", "vmlinux", "arch/foo/kernel/vmlinux.lds.S",
                                "arch/foo/vmlinux.x"),
                        ".gitignore", "arch/foo/kernel/.gitignore", "arch/foo/kernel/vmlinux.lds.S"),
                c("exclude everything except foo/bar: /*, !/foo, /foo/*, !/foo/bar",
                        tree(".gitignore=/*\n!/foo\n/foo/*\n!/foo/bar\n", "a.txt", "foo/x", "foo/bar/y", "baz/z"),
                        "foo/bar/y"),
                // t0008-ignores.sh setup: three levels of .gitignore, a comment, a blank line, negations
                c("t0008: nested .gitignore files, nearest first",
                        tree(".gitignore=one\nignored-*\ntop-level-dir/\n", "a/.gitignore=two*\n*three\n",
                                "a/b/.gitignore=four\nfive\n# this comment should affect the line numbers\nsix\nignored-dir/\n"
                                        + "# and so should this blank line:\n\n!on*\n!two\n",
                                "a/b/ignored-dir/.gitignore=seven\n", ".git/info/exclude=per-repo\n",
                                "one", "a/one", "a/b/one", "a/b/on", "a/3-three", "a/three-not-this-one", "a/b/two", "a/b/twooo",
                                "a/b/ignored-dir/foo", "a/b/ignored-dir/seven", "per-repo", "a/per-repo", "not-ignored",
                                "a/not-ignored", "top-level-dir/x", "a/top-level-dir/x"),
                        ".gitignore", "a/.gitignore", "a/b/.gitignore", "a/b/on", "a/b/one", "a/b/two", "a/not-ignored",
                        "a/three-not-this-one", "not-ignored"),
                c("patterns are relative to the directory of their .gitignore",
                        tree("a/.gitignore=/x\nb/y\n", "x", "a/x", "a/c/x", "a/b/y", "a/c/b/y", "b/y"),
                        "a/.gitignore", "a/c/b/y", "a/c/x", "b/y", "x"),
                c("carriage returns and a byte order mark are not part of the patterns",
                        tree(".gitignore=\uFEFFdist/\r\n*.tmp\r\n", "dist/a", "x.tmp", "y"),
                        ".gitignore", "y"),
                c("a .gitignore inside an ignored directory is not read, its files stay ignored",
                        tree(".gitignore=gen/\n", "gen/.gitignore=!*\n", "gen/a"),
                        ".gitignore"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsWhatGitConsidersPartOfTheWorkTree(Case c, @TempDir Path dir) {
        Files.exists(dir);
        write(dir, c.tree().toArray(String[]::new));
        List<String> read = selected(dir, GIT);
        read.removeIf(p -> p.startsWith(".git/"));
        assertThat(read).as(c.name()).containsExactlyElementsOf(c.read());
    }

    /** The same trees through git itself, where git is installed: the table must agree with git. */
    @ParameterizedTest(name = "git agrees: {0}")
    @MethodSource("cases")
    void gitItselfAgrees(Case c, @TempDir Path dir) {
        assumeTrue(Trees.gitAvailable(), "git is not installed");
        Trees.git(dir, "init", "-q");
        write(dir, c.tree().toArray(String[]::new));
        assertThat(Trees.gitFiles(dir)).as(c.name()).containsExactlyElementsOf(c.read());
    }

    @Test
    void patternsMatchAsGitDocumentsThem() {
        IgnoreRules rules = IgnoreRules.parse(".gitignore", "", "foo/*\nabc/**\n".getBytes(StandardCharsets.UTF_8));
        assertThat(rules.match("foo/test.json", false)).isNotNull();
        assertThat(rules.match("foo/bar", true)).isNotNull();
        assertThat(rules.match("foo/bar/hello.c", false)).as("* does not match bar/hello.c").isNull();
        assertThat(rules.match("abc", true)).as("abc/** matches inside abc only").isNull();
        assertThat(rules.match("abc/x/y", false)).isNotNull();
        assertThat(rules.match("foo/bar", true).toString()).isEqualTo(".gitignore:1: foo/*");
    }

    @Test
    void filesTheIndexTracksAreNeverIgnored(@TempDir Path dir) {
        assumeTrue(Trees.gitAvailable(), "git is not installed");
        Trees.git(dir, "init", "-q");
        write(dir, ".gitignore=*.yaml\ngen/\n", "keep.yaml", "other.yaml", "gen/a.yaml", "gen/b.yaml", "gen/sub/c.yaml",
                "gen/deep/d.yaml");
        Trees.git(dir, "add", "-f", "keep.yaml", "gen/a.yaml", "gen/deep/d.yaml");
        List<String> expected = List.of(".gitignore", "gen/a.yaml", "gen/deep/d.yaml", "keep.yaml");
        assertThat(Trees.gitFiles(dir)).isEqualTo(expected);
        assertThat(selected(dir, GIT)).filteredOn(p -> !p.startsWith(".git/")).isEqualTo(expected);
        for (String version : List.of("2", "3", "4")) {
            Trees.git(dir, "update-index", "--index-version", version);
            assertThat(selected(dir, GIT)).as("index version " + version).filteredOn(p -> !p.startsWith(".git/"))
                    .isEqualTo(expected);
        }
    }

    @Test
    void aSplitIndexStillTracksItsSharedEntries(@TempDir Path dir) {
        assumeTrue(Trees.gitAvailable(), "git is not installed");
        Trees.git(dir, "init", "-q");
        write(dir, ".gitignore=*.yaml\n", "a.yaml", "b.yaml", "c.yaml");
        Trees.git(dir, "add", "-f", "a.yaml", "b.yaml");
        Trees.git(dir, "update-index", "--split-index");
        Trees.git(dir, "add", "-f", "c.yaml");
        assertThat(selected(dir, GIT)).filteredOn(p -> !p.startsWith(".git/"))
                .containsExactly(".gitignore", "a.yaml", "b.yaml", "c.yaml");
    }

    @Test
    void aWorktreeReadsTheIndexAndExcludesOfItsGitDirectory(@TempDir Path dir) {
        assumeTrue(Trees.gitAvailable(), "git is not installed");
        Path main = dir.resolve("main");
        write(main, ".gitignore=*.yaml\n", "tracked.yaml", "x");
        Trees.git(main, "init", "-q");
        Trees.git(main, "add", "-f", ".gitignore", "tracked.yaml", "x");
        Trees.git(main, "commit", "-q", "-m", "init");
        write(main, ".git/info/exclude=local-*\n");
        Trees.git(main, "worktree", "add", "-q", dir.resolve("wt").toString());
        Path wt = dir.resolve("wt");
        write(wt, "untracked.yaml", "local-note", "y");
        List<String> expected = Trees.gitFiles(wt);
        assertThat(expected).containsExactly(".gitignore", "tracked.yaml", "x", "y");
        assertThat(selected(wt, GIT)).filteredOn(p -> !p.equals(".git")).isEqualTo(expected);
    }

    @Test
    void outsideGitTheGitignoreFilesOfTheTreeStillCount(@TempDir Path dir) {
        write(dir, ".gitignore=dist/\n", "dist/x.yaml", "k8s/a.yaml", "k8s/.gitignore=local.yaml\n", "k8s/local.yaml");
        assertThat(selected(dir, GIT)).containsExactly(".gitignore", "k8s/.gitignore", "k8s/a.yaml");
        assertThat(selected(dir, new FileSelection.Options(false, List.of())))
                .as("--no-gitignore").containsExactly(".gitignore", "dist/x.yaml", "k8s/.gitignore", "k8s/a.yaml", "k8s/local.yaml");
    }

    @Test
    void aScannedSubdirectoryHonoursTheGitignoreFilesAboveIt(@TempDir Path dir) {
        write(dir, ".git/HEAD=ref: refs/heads/main\n", ".gitignore=*.local.yaml\n/k8s/gen/\n", "k8s/a.yaml",
                "k8s/b.local.yaml", "k8s/gen/x.yaml");
        assertThat(selected(dir.resolve("k8s"), GIT)).containsExactly("a.yaml");
        assertThat(selected(dir.resolve("k8s/gen"), GIT)).as("a directory named explicitly is read").containsExactly("x.yaml");
    }

    @Test
    void aNestedRepositoryHasItsOwnRules(@TempDir Path dir) {
        write(dir, ".git/HEAD=x\n", ".gitignore=*.log\n", "a.log", "inner/.git/HEAD=x\n", "inner/.gitignore=*.tmp\n",
                "inner/b.log", "inner/c.tmp");
        assertThat(selected(dir, GIT)).filteredOn(p -> !p.contains(".git/"))
                .containsExactly(".gitignore", "inner/.gitignore", "inner/b.log");
    }

    @Test
    void aSymbolicLinkNamedGitignoreIsNotRead(@TempDir Path dir) throws Exception {
        write(dir, "rules=*.yaml\n", "a.yaml");
        Files.createSymbolicLink(dir.resolve(".gitignore"), dir.resolve("rules"));
        assertThat(selected(dir, GIT)).contains("a.yaml");
    }

    @Test
    void defaultsSkipGitDataAndDependencyTreesAndCanBeOverridden(@TempDir Path dir) {
        write(dir, "node_modules/x/a.yaml", "vendor/k8s.io/api/b.yaml", "src/vendor/c.yaml", ".terraform/m.json",
                ".serverless/s.json", ".git/config.yaml", "k8s/d.yaml", "vendor.yaml");
        List<Exclusion> excluded = new ArrayList<>();
        assertThat(Trees.walk(dir, GIT, excluded)).containsExactly("k8s/d.yaml", "vendor.yaml");
        assertThat(excluded).extracting(Exclusion::reason).containsOnly(Exclusion.Reason.DEFAULT);
        assertThat(excluded).extracting(Exclusion::directory).containsOnly(true);
        assertThat(excluded).hasSize(6);
        assertThat(selected(dir, new FileSelection.Options(false, List.of()))).as("--no-gitignore keeps the defaults")
                .containsExactly("k8s/d.yaml", "vendor.yaml");
        FileSelection.Options readVendor = new FileSelection.Options(true, List.of(new FileSelection.Excludes(dir,
                IgnoreRules.of("--exclude", "", List.of("!vendor/"), List.of()))));
        assertThat(selected(dir, readVendor)).containsExactly("k8s/d.yaml", "src/vendor/c.yaml", "vendor.yaml",
                "vendor/k8s.io/api/b.yaml");
    }

    @Test
    void userPatternsComeFirstAndAreRelativeToTheirDirectory(@TempDir Path dir) {
        write(dir, ".gitignore=dist/\n", "dist/a.yaml", "k8s/tests/t.yaml", "tests/u.yaml", "k8s/app.yaml", "k8s/app.tmpl.yaml");
        FileSelection.Options o = new FileSelection.Options(true, List.of(
                new FileSelection.Excludes(dir, IgnoreRules.of("--exclude", "", List.of("/tests/", "*.tmpl.yaml", "!dist/"),
                        List.of()))));
        assertThat(selected(dir, o)).containsExactly(".gitignore", "dist/a.yaml", "k8s/app.yaml", "k8s/tests/t.yaml");
        FileSelection.Options elsewhere = new FileSelection.Options(true, List.of(
                new FileSelection.Excludes(dir.resolve("other"), IgnoreRules.of("--exclude", "", List.of("/k8s/", "tests/"),
                        List.of()))));
        assertThat(selected(dir, elsewhere)).as("outside their directory only slash-free patterns apply")
                .containsExactly(".gitignore", "k8s/app.tmpl.yaml", "k8s/app.yaml");
    }

    @Test
    void chartTemplatesAreLeftOutAsSuch(@TempDir Path dir) {
        write(dir, "chart/Chart.yaml=apiVersion: v2\nname: c\n", "chart/values.yaml", "chart/templates/deploy.yaml",
                "chart/templates/sub/svc.yaml", "chart/crds/crd.yaml", "plain/templates/t.yaml");
        List<Exclusion> excluded = new ArrayList<>();
        assertThat(Trees.walk(dir, GIT, excluded)).containsExactly("chart/Chart.yaml", "chart/crds/crd.yaml",
                "chart/values.yaml", "plain/templates/t.yaml");
        assertThat(excluded).hasSize(2).allSatisfy(e -> {
            assertThat(e.reason()).isEqualTo(Exclusion.Reason.HELM_TEMPLATE);
            assertThat(e.rule()).startsWith(FileSelection.CHART_RULE).endsWith("chart");
        });
        assertThat(selected(dir.resolve("chart/templates"), GIT)).as("named explicitly, still templates").isEmpty();
    }
}
