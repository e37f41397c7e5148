package dev.kubeward.image.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.image.Package;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The local, offline vulnerability database: OSV data imported by {@code kubeward vulndb import}
 * into a directory (default {@code ~/.cache/kubeward/vulndb}). It holds {@code index.json} (what
 * is there: per ecosystem, the file, the record count, the newest {@code modified}, when it was
 * imported and from where) and one {@link IndexFile} per ecosystem under {@code shards/}. Nothing is
 * ever downloaded.
 *
 * <p>For the image scan: {@code VulnDb.open(dir).lookup(packages)}.
 */
public final class VulnDb {
    /** How old a database may be before a scan warns, unless configured otherwise. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    static final String MANIFEST = "index.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, Shard> shards;
    private final Map<String, IndexFile> open = new ConcurrentHashMap<>();

    /** What the database holds for one ecosystem. */
    public record Shard(String ecosystem, String file, long records, long withdrawn, Instant newestModified,
                        Instant importedAt, List<String> sources) {}

    private VulnDb(Path dir, Map<String, Shard> shards) {
        this.dir = dir;
        this.shards = shards;
    }

    /** {@code $KUBEWARD_VULNDB}, else {@code $XDG_CACHE_HOME/kubeward/vulndb}, else {@code ~/.cache/kubeward/vulndb}. */
    public static Path defaultDir(Map<String, String> env) {
        String explicit = env.get("KUBEWARD_VULNDB");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "kubeward", "vulndb");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "kubeward", "vulndb");
    }

    /** Whether {@code dir} holds a database. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /** What to tell a user who has no database: how to get one, by hand, since kubeward never downloads. */
    public static String missingMessage(Path dir) {
        return "no vulnerability database at " + dir + "; kubeward never downloads one by itself. Get OSV's data for "
                + "the ecosystems your images use and import it, for example:\n"
                + "  curl -fsSLO " + OsvEcosystems.allZipUrl("Debian") + "\n"
                + "  kubeward vulndb import all.zip" + (dir == null ? "" : " --db " + dir) + "\n"
                + "(one all.zip per ecosystem: Debian, Ubuntu, Alpine, Red Hat, AlmaLinux, Rocky Linux, Go, Maven, npm, "
                + "PyPI, crates.io, NuGet, RubyGems, ...; see docs/vulnerabilities.md for an air-gapped mirror)";
    }

    /** Opens the database in {@code dir}; its ecosystem files are mapped when first looked up. */
    public static VulnDb open(Path dir) throws VulnDbException {
        if (!exists(dir)) {
            throw new VulnDbException(missingMessage(dir));
        }
        return new VulnDb(dir, readManifest(dir));
    }

    static Map<String, Shard> readManifest(Path dir) throws VulnDbException {
        Path m = dir.resolve(MANIFEST);
        Map<String, Shard> out = new TreeMap<>();
        if (!Files.exists(m)) {
            return out;
        }
        try {
            JsonNode root = JSON.readTree(m.toFile());
            if (root.path("format").asInt() != IndexFile.FORMAT) {
                throw new VulnDbException(m + ": written by another version of kubeward (format "
                        + root.path("format").asText("?") + ", this one reads " + IndexFile.FORMAT + "); import the data again");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("ecosystems").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode s = e.getValue();
                List<String> sources = new ArrayList<>();
                s.path("sources").forEach(n -> sources.add(n.asText()));
                out.put(e.getKey(), new Shard(e.getKey(), s.path("file").asText(), s.path("records").asLong(),
                        s.path("withdrawn").asLong(), instant(s.path("newestModified").asText(null)),
                        instant(s.path("importedAt").asText(null)), List.copyOf(sources)));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new VulnDbException(m + ": unreadable (" + e.getMessage() + "); import the data again", e);
        }
    }

    private static Instant instant(String s) {
        return s == null || s.isEmpty() ? null : Instant.parse(s);
    }

    static void writeManifest(Path dir, Map<String, Shard> shards) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", IndexFile.FORMAT);
        ObjectNode eco = root.putObject("ecosystems");
        for (Shard s : shards.values()) {
            ObjectNode n = eco.putObject(s.ecosystem());
            n.put("file", s.file());
            n.put("records", s.records());
            n.put("withdrawn", s.withdrawn());
            n.put("newestModified", s.newestModified() == null ? null : s.newestModified().toString());
            n.put("importedAt", s.importedAt() == null ? null : s.importedAt().toString());
            s.sources().forEach(n.putArray("sources")::add);
        }
        Path tmp = dir.resolve(MANIFEST + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public Path dir() {
        return dir;
    }

    /** What the database holds, per ecosystem (sorted by name). */
    public List<Shard> shards() {
        return List.copyOf(shards.values());
    }

    /** When the oldest ecosystem was last imported, or null for an empty database. */
    public Instant oldestImport() {
        return shards.values().stream().map(Shard::importedAt).filter(x -> x != null).min(Instant::compareTo).orElse(null);
    }

    /**
     * A warning when an ecosystem of the database was last imported longer than {@code maxAge} before
     * {@code now}; empty when it is fresh enough.
     */
    public Optional<String> ageWarning(Duration maxAge, Instant now) {
        List<String> stale = new ArrayList<>();
        Duration worst = Duration.ZERO;
        for (Shard s : shards.values()) {
            if (s.importedAt() != null) {
                Duration age = Duration.between(s.importedAt(), now);
                if (age.compareTo(maxAge) > 0) {
                    stale.add(s.ecosystem());
                    worst = age.compareTo(worst) > 0 ? age : worst;
                }
            }
        }
        if (stale.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the vulnerability database at " + dir + " is " + describe(worst) + " old (" + String.join(", ", stale)
                + "), older than " + describe(maxAge) + ": newer vulnerabilities are missing; import OSV's data again "
                + "(kubeward vulndb import)");
    }

    /** {@code 3d}, {@code 5h}, {@code 12m}. */
    public static String describe(Duration d) {
        if (d.toDays() >= 1) {
            return d.toDays() + "d";
        }
        if (d.toHours() >= 1) {
            return d.toHours() + "h";
        }
        return Math.max(0, d.toMinutes()) + "m";
    }

    private static final Pattern AGE = Pattern.compile("(\\d+)([dhm])");

    /** Parses an age such as {@code 7d}, {@code 36h} or {@code 90m}. */
    public static Duration parseAge(String s) {
        java.util.regex.Matcher m = AGE.matcher(s == null ? "" : s.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + s + "' is not an age such as 7d, 36h or 90m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }

    IndexFile shard(String ecosystemBase) {
        Shard s = shards.get(ecosystemBase);
        if (s == null) {
            return null;
        }
        return open.computeIfAbsent(ecosystemBase, b -> {
            try {
                return IndexFile.open(dir.resolve("shards").resolve(s.file()));
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage() + "; import the data again", e);
            }
        });
    }

    /**
     * The vulnerabilities of every package given (an image's whole inventory), with aliases merged
     * and each one rated. Packages that cannot be looked up are listed in
     * {@link LookupResult#unmatched()} with the reason.
     */
    public LookupResult lookup(List<Package> packages) {
        return lookup(packages, Instant.now());
    }

    /** As {@link #lookup(List)}, with records withdrawn after {@code now} still counted. */
    public LookupResult lookup(List<Package> packages, Instant now) {
        return new Matcher(this::shard, now.toEpochMilli()).lookup(packages);
    }
}
