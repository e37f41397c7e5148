package dev.kubeward.bench;

import dev.kubeward.image.Package;
import dev.kubeward.image.vuln.Importer;
import dev.kubeward.image.vuln.LookupResult;
import dev.kubeward.image.vuln.VulnDb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Times a lookup of an image's 1,500 packages against an imported database: the first lookup in a
 * fresh JVM (the ecosystem files mapped and paged in), then the median and worst of 50 more.
 * Usage: {@code VulnDbBench DB [PACKAGES]}; with {@code --import CORPUS} first, it also times the
 * import of a corpus from {@link OsvCorpusGenerator} into DB.
 */
public final class VulnDbBench {
    private VulnDbBench() {}

    public static void main(String[] args) throws Exception {
        int a = 0;
        if (args[0].equals("--import")) {
            Path corpus = Path.of(args[1]);
            Path db = Path.of(args[2]);
            List<Path> zips = new ArrayList<>();
            for (String eco : OsvCorpusGenerator.ECOSYSTEMS) {
                zips.add(corpus.resolve(eco).resolve("all.zip"));
            }
            long t0 = System.nanoTime();
            Importer.Report r = new Importer(db).run(zips);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("import: %,d records from %,d files in %.1f s (%d problems)%n", r.records(), r.files(), s, r.problems().size());
            return;
        }
        Path db = Path.of(args[a]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        Random rnd = new Random(7);
        List<Package> packages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int p = rnd.nextInt(OsvCorpusGenerator.PACKAGES);
            switch (i % 5) {
                case 0 -> packages.add(Package.os("bin-" + p, (1 + p % 5) + "." + rnd.nextInt(5) + "-1", "Debian:12", "debian-pkg-" + p, null, null, null));
                case 1 -> packages.add(Package.language("npm-pkg-" + p, "0." + rnd.nextInt(9) + ".1", "npm", null, "node_modules"));
                case 2 -> packages.add(Package.language("org.example" + (p % 500) + ":maven-pkg-" + p, "0." + rnd.nextInt(9) + ".1", "Maven", null, "app.jar"));
                case 3 -> packages.add(Package.language("pypi-pkg-" + p, "0." + rnd.nextInt(6) + "." + rnd.nextInt(10), "PyPI", null, "site-packages"));
                default -> packages.add(Package.language("github.com/example" + (p % 500) + "/go-pkg-" + p, "v0." + rnd.nextInt(9) + ".0", "Go", null, "bin/app"));
            }
        }
        long t0 = System.nanoTime();
        VulnDb vdb = VulnDb.open(db);
        double openMs = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        LookupResult first = vdb.lookup(packages);
        double firstMs = (System.nanoTime() - t0) / 1e6;
        double[] times = new double[50];
        for (int i = 0; i < times.length; i++) {
            long t = System.nanoTime();
            VulnDb.open(db).lookup(packages);
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        System.out.printf("lookup of %,d packages: open %.1f ms, first lookup %.1f ms (files mapped and paged in, code cold), "
                        + "then (open + lookup) median %.1f ms, worst %.1f ms; %,d matches, %,d unmatched%n", n, openMs, firstMs,
                times[times.length / 2], times[times.length - 1],
                first.matches().size(), first.unmatched().size());
        double[] warm = new double[50];
        for (int i = 0; i < warm.length; i++) {
            long t = System.nanoTime();
            vdb.lookup(packages);
            warm[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(warm);
        System.out.printf("lookup on the open database: median %.1f ms, worst %.1f ms%n", warm[warm.length / 2], warm[warm.length - 1]);

    }
}
