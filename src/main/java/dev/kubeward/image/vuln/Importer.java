package dev.kubeward.image.vuln;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Imports OSV data into a {@link VulnDb}: OSV's per-ecosystem {@code all.zip} files, directories
 * of OSV JSON (walked; {@code .zip} files inside are read too), or single JSON files (a record or
 * an array of records). Records are read in parallel, split by the ecosystems they affect, and
 * merged into what the database already holds: for each id the copy with the newest
 * {@code modified} is kept (the one being imported when they are equal), so re-importing updates
 * in place and an older copy never replaces a newer one. A record that cannot be read is reported
 * with its file and line, and the rest is still imported.
 */
public final class Importer {

    /** An input that could not be read: where, and why. */
    public record Problem(String where, String message) {
        @Override
        public String toString() {
            return where + ": " + message;
        }
    }

    /** What an import did. */
    public record Report(long files, long records, long withdrawn, long withoutPackage, long gitRanges,
                         long unknownRanges, long skippedFiles, List<Problem> problems,
                         Map<String, long[]> perEcosystem) {
        /** @return per ecosystem: {records now held, records new or updated, records older than those held} */
        public Map<String, long[]> perEcosystem() {
            return perEcosystem;
        }
    }

    private final Path dir;
    private final int threads;

    public Importer(Path dir) {
        this(dir, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public Importer(Path dir, int threads) {
        this.dir = dir;
        this.threads = threads;
    }

    private final Map<String, String> interned = new ConcurrentHashMap<>();
    private final Map<String, Map<String, OsvRecord>> byShard = new ConcurrentHashMap<>();
    private final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    private final OsvReader.Counts counts = new OsvReader.Counts();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong withdrawnRead = new AtomicLong();
    private final AtomicLong withoutPackage = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    private String intern(String s) {
        String prev = interned.putIfAbsent(s, s);
        return prev == null ? s : prev;
    }

    /** Imports the inputs; problems with single records or files are in the report, not thrown. */
    public Report run(List<Path> inputs) throws VulnDbException {
        List<Path> jsonFiles = new ArrayList<>();
        List<Path> zips = new ArrayList<>();
        for (Path in : inputs) {
            collect(in, true, jsonFiles, zips);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vulndb-import");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> work = new ArrayList<>();
            int chunks = Math.max(1, threads);
            for (int c = 0; c < chunks; c++) {
                int part = c;
                work.add(pool.submit(() -> {
                    for (int i = part; i < jsonFiles.size(); i += chunks) {
                        Path f = jsonFiles.get(i);
                        try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                            readOne(f.toString(), in);
                        } catch (IOException e) {
                            problems.add(new Problem(f.toString(), "cannot read: " + e.getMessage()));
                        }
                    }
                    return null;
                }));
                for (Path z : zips) {
                    work.add(pool.submit(() -> {
                        readZip(z, part, chunks);
                        return null;
                    }));
                }
            }
            for (Future<?> f : work) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new VulnDbException("import failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VulnDbException("import interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, long[]> per = write(inputs);
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort((a, b) -> a.where.compareTo(b.where));
        return new Report(files.get(), recordsRead.get(), withdrawnRead.get(), withoutPackage.get(), counts.gitRanges,
                counts.unknownRanges, skipped.get(), List.copyOf(sorted), per);
    }

    private void collect(Path in, boolean explicit, List<Path> jsonFiles, List<Path> zips) {
        if (Files.isDirectory(in)) {
            try (Stream<Path> walk = Files.walk(in)) {
                walk.filter(Files::isRegularFile).sorted().forEach(p -> collect(p, false, jsonFiles, zips));
            } catch (IOException | java.io.UncheckedIOException e) {
                problems.add(new Problem(in.toString(), "cannot read the directory: " + e.getMessage()));
            }
            return;
        }
        String name = in.getFileName() == null ? "" : in.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.exists(in)) {
            problems.add(new Problem(in.toString(), "no such file or directory"));
        } else if (name.endsWith(".zip")) {
            zips.add(in);
        } else if (name.endsWith(".json")) {
            jsonFiles.add(in);
        } else if (explicit) {
            problems.add(new Problem(in.toString(), "not an OSV all.zip, a JSON file or a directory"));
        } else {
            skipped.incrementAndGet();
        }
    }

    private void readZip(Path z, int part, int chunks) {
        try (ZipFile zip = new ZipFile(z.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                entries.add(en.nextElement());
            }
            for (int i = part; i < entries.size(); i += chunks) {
                ZipEntry e = entries.get(i);
                if (e.isDirectory()) {
                    continue;
                }
                if (!e.getName().toLowerCase(Locale.ROOT).endsWith(".json")) {
                    skipped.incrementAndGet();
                    continue;
                }
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e), 1 << 16)) {
                    readOne(z + "!" + e.getName(), in);
                } catch (IOException ex) {
                    problems.add(new Problem(z + "!" + e.getName(), "cannot read: " + ex.getMessage()));
                }
            }
        } catch (IOException e) {
            if (part == 0) {
                problems.add(new Problem(z.toString(), "not a readable zip file: " + e.getMessage()));
            }
        }
    }

    private void readOne(String where, InputStream in) throws IOException {
        files.incrementAndGet();
        OsvReader.Counts local = new OsvReader.Counts();
        OsvReader reader = new OsvReader(this::intern, local);
        try {
            reader.read(in, this::accept);
        } catch (OsvFormatException e) {
            problems.add(new Problem(where + ":" + e.line() + ":" + e.column(), e.getMessage()));
        }
        synchronized (counts) {
            counts.add(local);
        }
    }

    private void accept(OsvRecord r) {
        recordsRead.incrementAndGet();
        if (r.withdrawn() != 0) {
            withdrawnRead.incrementAndGet();
        }
        if (r.affected().isEmpty()) {
            withoutPackage.incrementAndGet();
            return;
        }
        Map<String, List<OsvRecord.Affected>> split = new TreeMap<>();
        for (OsvRecord.Affected a : r.affected()) {
            split.computeIfAbsent(dev.kubeward.image.version.Orderings.base(a.ecosystem()), k -> new ArrayList<>()).add(a);
        }
        for (Map.Entry<String, List<OsvRecord.Affected>> e : split.entrySet()) {
            OsvRecord part = new OsvRecord(r.id(), r.modified(), r.withdrawn(), r.aliases(), r.upstream(), r.summary(),
                    r.severity(), r.dbSeverity(), List.copyOf(e.getValue()));
            byShard.computeIfAbsent(e.getKey(), k -> new ConcurrentHashMap<>()).merge(r.id(), part,
                    (old, neu) -> neu.modified() >= old.modified() ? neu : old);
        }
    }

    /** Merges with what is held and writes each touched ecosystem; returns {held, new or updated, older}. */
    private Map<String, long[]> write(List<Path> inputs) throws VulnDbException {
        try {
            Files.createDirectories(dir.resolve("shards"));
        } catch (IOException e) {
            throw new VulnDbException("cannot create the database directory " + dir + ": " + e.getMessage(), e);
        }
        Map<String, long[]> per = new TreeMap<>();
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            Map<String, VulnDb.Shard> manifest = new TreeMap<>(VulnDb.readManifest(dir));
            Instant now = Instant.now();
            List<String> sources = inputs.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
            for (Map.Entry<String, Map<String, OsvRecord>> e : byShard.entrySet()) {
                String base = e.getKey();
                String file = fileName(base);
                Path path = dir.resolve("shards").resolve(file);
                Map<String, OsvRecord> merged = new TreeMap<>();
                VulnDb.Shard held = manifest.get(base);
                if (held != null && Files.exists(path)) {
                    try {
                        IndexFile old = IndexFile.open(path);
                        for (OsvRecord r : old.allRecords()) {
                            merged.put(r.id(), r);
                        }
                    } catch (IOException | RuntimeException ex) {
                        problems.add(new Problem(path.toString(), "the ecosystem's index was unreadable and is rebuilt from "
                                + "this import alone: " + ex.getMessage()));
                        merged.clear();
                    }
                }
                long updated = 0;
                long older = 0;
                for (OsvRecord r : e.getValue().values()) {
                    OsvRecord old = merged.get(r.id());
                    if (old == null || r.modified() >= old.modified()) {
                        merged.put(r.id(), r);
                        updated++;
                    } else {
                        older++;
                    }
                }
                List<OsvRecord> records = new ArrayList<>(merged.values());
                IndexFile.write(path, records, base);
                long newest = records.stream().mapToLong(OsvRecord::modified).max().orElse(0);
                long withdrawn = records.stream().filter(r -> r.withdrawn() != 0 && r.withdrawn() <= now.toEpochMilli()).count();
                Set<String> src = new LinkedHashSet<>(held == null ? List.of() : held.sources());
                src.addAll(sources);
                manifest.put(base, new VulnDb.Shard(base, file, records.size(), withdrawn,
                        newest == 0 ? null : Instant.ofEpochMilli(newest), now, List.copyOf(src)));
                per.put(base, new long[] {records.size(), updated, older});
            }
            VulnDb.writeManifest(dir, manifest);
        } catch (IOException e) {
            throw new VulnDbException("cannot write the database in " + dir + ": " + e.getMessage(), e);
        }
        return per;
    }

    /** A file name for an ecosystem: {@code Rocky Linux} → {@code Rocky_Linux.kwv}. */
    static String fileName(String base) {
        return base.replaceAll("[^A-Za-z0-9.-]", "_") + ".kwv";
    }
}
