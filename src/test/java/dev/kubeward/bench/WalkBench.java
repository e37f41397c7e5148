package dev.kubeward.bench;

import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.ReadOptions;
import dev.kubeward.source.repo.FileSelection;
import dev.kubeward.source.repo.IgnoreRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What choosing files costs and saves, side by side in one JVM: on a repository-shaped tree (the
 * scan corpus under {@code k8s/}, a {@code node_modules/} of 20,000 package.json files, a
 * gitignored {@code dist/}, and .gitignore files), times
 *
 * <ol>
 *   <li>the plain walk kubeward had (every .yaml/.yml/.json outside .git) against the walk through
 *       {@link FileSelection}, listing only;
 *   <li>a whole load with the selection, against a load that reads what the selection would leave
 *       out ({@code --no-gitignore --exclude '!node_modules/'}), as kubeward did before.
 * </ol>
 *
 * Usage: {@code WalkBench CORPUS_DIR WORK_DIR [ROUNDS]}; the corpus is the scan benchmark's.
 */
public final class WalkBench {
    private WalkBench() {}

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args[0]);
        Path repo = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (!Files.isDirectory(repo.resolve("node_modules"))) {
            build(corpus, repo);
        }
        ReadOptions before = new ReadOptions(new FileSelection.Options(false, List.of(new FileSelection.Excludes(repo,
                IgnoreRules.of("bench", "", List.of("!node_modules/"), List.of())))), null);
        for (int round = 1; round <= rounds; round++) {
            long k0 = System.nanoTime();
            long plainK8s = plainWalk(repo.resolve("k8s"));
            long k1 = System.nanoTime();
            long selectedK8s = selectionWalk(repo.resolve("k8s"));
            long k2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d: k8s/ alone: plain walk %d files %d ms, selection walk %d files %d ms%n",
                    round, plainK8s, (k1 - k0) / 1_000_000, selectedK8s, (k2 - k1) / 1_000_000);
            long t0 = System.nanoTime();
            long plain = plainWalk(repo);
            long t1 = System.nanoTime();
            long chosen = selectionWalk(repo);
            long t2 = System.nanoTime();
            LoadResult selected = new ManifestLoader(ReadOptions.DEFAULT).load(List.of(repo.toString()));
            long t3 = System.nanoTime();
            LoadResult everything = new ManifestLoader(before).load(List.of(repo.toString()));
            long t4 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d: plain walk %d files %d ms | selection walk %d files %d ms | load with "
                    + "selection: %d files, %d objects, %d left out, %d ms | without: %d files, %d skipped documents, %d ms%n",
                    round, plain, (t1 - t0) / 1_000_000, chosen, (t2 - t1) / 1_000_000, selected.files(), selected.resources().size(),
                    selected.excluded().size(), (t3 - t2) / 1_000_000, everything.files(), everything.skipped().size(),
                    (t4 - t3) / 1_000_000);
        }
    }

    /** The walk through the selection, listing only (as ManifestLoader walks). */
    private static long selectionWalk(Path dir) throws IOException {
        FileSelection.Root root = new FileSelection(FileSelection.Options.DEFAULT).root(dir);
        long[] count = {0};
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
                return root.exclusion(d, true) == null ? java.nio.file.FileVisitResult.CONTINUE
                        : java.nio.file.FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if ((n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")) && root.exclusion(f, false) == null) {
                    count[0]++;
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return count[0];
    }

    /** The walk kubeward had before the selection: every candidate name outside .git. */
    private static long plainWalk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.toString().contains("/.git/")).filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void build(Path corpus, Path repo) throws IOException {
        Files.createDirectories(repo);
        Files.writeString(repo.resolve(".gitignore"), "dist/\n*.local.yaml\n");
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path target = repo.resolve("k8s").resolve(corpus.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        for (int i = 0; i < 2000; i++) {
            Path pkg = repo.resolve("node_modules").resolve("pkg" + (i / 100)).resolve("p" + i);
            Files.createDirectories(pkg.resolve("lib"));
            for (int k = 0; k < 10; k++) {
                Files.writeString(pkg.resolve(k == 0 ? "package.json" : "lib/f" + k + ".json"),
                        "{\"name\": \"p" + i + "\", \"version\": \"1.0." + k + "\", \"main\": \"index.js\"}\n");
            }
        }
        for (int i = 0; i < 200; i++) {
            Files.createDirectories(repo.resolve("dist"));
            Files.writeString(repo.resolve("dist/bundle" + i + ".yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b" + i + "}\n");
        }
    }
}
