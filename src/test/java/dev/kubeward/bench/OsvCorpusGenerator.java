package dev.kubeward.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A seeded synthetic OSV corpus in the shapes of the real data, as OSV's per-ecosystem all.zip
 * files: Debian per-CVE records (three releases, urgencies, versions lists, long details) and DSAs,
 * GHSA records for npm (SEMVER), Maven and PyPI (ECOSYSTEM, PyPI with versions lists), Go records
 * with aliases, each with markdown details and references as GitHub writes them. Usage:
 * {@code OsvCorpusGenerator DIR MEGABYTES}; the size is of the uncompressed JSON. Package names
 * are {@code <eco>-pkg-N} (N below 20,000), which {@link VulnDbBench} looks up.
 */
public final class OsvCorpusGenerator {
    private OsvCorpusGenerator() {}

    static final int PACKAGES = 20_000;
    static final String[] ECOSYSTEMS = {"Debian", "npm", "Maven", "PyPI", "Go"};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long target = Long.parseLong(args[1]) * 1024 * 1024;
        Random rnd = new Random(42);
        long perEco = target / ECOSYSTEMS.length;
        long total = 0;
        long records = 0;
        for (String eco : ECOSYSTEMS) {
            Path z = dir.resolve(eco).resolve("all.zip");
            Files.createDirectories(z.getParent());
            long written = 0;
            int n = 0;
            try (OutputStream o = Files.newOutputStream(z); ZipOutputStream zip = new ZipOutputStream(o)) {
                zip.setLevel(Deflater.BEST_SPEED);
                while (written < perEco) {
                    String id = id(eco, n);
                    byte[] json = record(eco, id, n, rnd).getBytes(StandardCharsets.UTF_8);
                    zip.putNextEntry(new ZipEntry(id + ".json"));
                    zip.write(json);
                    zip.closeEntry();
                    written += json.length;
                    n++;
                }
            }
            total += written;
            records += n;
            System.out.printf("%s: %,d records, %,d MB of JSON, %,d MB zipped%n", eco, n, written >> 20, Files.size(z) >> 20);
        }
        System.out.printf("total: %,d records, %,d MB of JSON%n", records, total >> 20);
    }

    static String id(String eco, int n) {
        return switch (eco) {
            case "Debian" -> n % 10 == 0 ? "DSA-" + (4000 + n / 10) + "-1" : "DEBIAN-CVE-" + (2000 + n % 25) + "-" + (10000 + n);
            case "Go" -> "GO-" + (2020 + n % 6) + "-" + (1000 + n);
            default -> "GHSA-" + Long.toString(0x1000000000L + (long) n * 7919 + eco.hashCode(), 36);
        };
    }

    private static final String LOREM = "A flaw was found in the parser of this library: a crafted input that nests "
            + "structures deeply, or that declares lengths it does not have, makes it read past the end of its buffer. "
            + "An attacker who can supply such input can crash the process or read memory it should not. ";

    private static String pkg(String eco, int i) {
        return switch (eco) {
            case "Maven" -> "org.example" + (i % 500) + ":" + eco.toLowerCase() + "-pkg-" + i;
            case "Go" -> "github.com/example" + (i % 500) + "/go-pkg-" + i;
            default -> eco.toLowerCase() + "-pkg-" + i;
        };
    }

    static String record(String eco, String id, int n, Random rnd) {
        StringBuilder sb = new StringBuilder(4096);
        String cve = "CVE-" + (2000 + n % 25) + "-" + (10000 + n);
        int p = rnd.nextInt(PACKAGES);
        sb.append("{\"schema_version\":\"1.6.0\",\"id\":\"").append(id).append("\",\"modified\":\"2026-0")
                .append(1 + rnd.nextInt(9)).append("-1").append(rnd.nextInt(10)).append("T12:34:56.789Z\",")
                .append("\"published\":\"2024-03-01T00:00:00Z\",");
        if (eco.equals("Debian")) {
            sb.append("\"upstream\":[\"").append(cve).append("\"],");
        } else if (eco.equals("Go")) {
            sb.append("\"aliases\":[\"").append(cve).append("\",\"GHSA-").append(Integer.toString(n * 31 + 7, 36)).append("\"],");
        } else {
            sb.append("\"aliases\":[\"").append(cve).append("\"],");
        }
        sb.append("\"summary\":\"Out-of-bounds read in ").append(pkg(eco, p)).append("\",\"details\":\"");
        int paragraphs = eco.equals("Debian") ? 2 : 6 + rnd.nextInt(8);
        for (int i = 0; i < paragraphs; i++) {
            sb.append("### Impact\\n\\n").append(LOREM).append("\\n\\n");
        }
        sb.append("\",");
        if (!eco.equals("Debian") || rnd.nextBoolean()) {
            sb.append("\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:").append(rnd.nextBoolean() ? "N" : "R")
                    .append("/S:U/C:H/I:").append(rnd.nextBoolean() ? "H" : "N").append("/A:H\"}],");
        }
        sb.append("\"affected\":[");
        if (eco.equals("Debian")) {
            String[] rel = {"11", "12", "13"};
            for (int r = 0; r < rel.length; r++) {
                sb.append(r == 0 ? "" : ",").append("{\"package\":{\"ecosystem\":\"Debian:").append(rel[r]).append("\",\"name\":\"")
                        .append(pkg(eco, p)).append("\",\"purl\":\"pkg:deb/debian/").append(pkg(eco, p)).append("?arch=source\"},")
                        .append("\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"")
                        .append(1 + p % 5).append(".").append(rnd.nextInt(20)).append("-").append(1 + r).append("+deb").append(rel[r])
                        .append("u").append(1 + rnd.nextInt(5)).append("\"}]}],\"versions\":[");
                int nv = 20 + rnd.nextInt(40);
                for (int v = 0; v < nv; v++) {
                    sb.append(v == 0 ? "" : ",").append('"').append(1 + p % 5).append(".").append(v / 4).append("-").append(1 + v % 4).append('"');
                }
                sb.append("],\"ecosystem_specific\":{\"urgency\":\"").append(new String[] {"low", "medium", "high", "not yet assigned"}[rnd.nextInt(4)])
                        .append("\"},\"database_specific\":{\"source\":\"https://security-tracker.debian.org/tracker/data/json\"}}");
            }
        } else {
            String type = eco.equals("npm") || eco.equals("Go") ? "SEMVER" : "ECOSYSTEM";
            sb.append("{\"package\":{\"ecosystem\":\"").append(eco).append("\",\"name\":\"").append(pkg(eco, p)).append("\"},\"ranges\":[");
            int nr = 1 + rnd.nextInt(3);
            for (int r = 0; r < nr; r++) {
                sb.append(r == 0 ? "" : ",").append("{\"type\":\"").append(type).append("\",\"events\":[{\"introduced\":\"")
                        .append(r == 0 ? "0" : (r + ".0.0")).append("\"},{\"fixed\":\"").append(r).append(".").append(1 + rnd.nextInt(9))
                        .append(".").append(rnd.nextInt(20)).append("\"}]}");
            }
            sb.append("]");
            if (eco.equals("PyPI")) {
                sb.append(",\"versions\":[");
                int nv = 10 + rnd.nextInt(60);
                for (int v = 0; v < nv; v++) {
                    sb.append(v == 0 ? "" : ",").append("\"0.").append(v / 10).append(".").append(v % 10).append('"');
                }
                sb.append("]");
            }
            sb.append(",\"database_specific\":{\"source\":\"https://github.com/github/advisory-database/blob/main/advisories/github-reviewed/")
                    .append(id).append(".json\"}}");
        }
        sb.append("],\"references\":[");
        int refs = 3 + rnd.nextInt(10);
        for (int r = 0; r < refs; r++) {
            sb.append(r == 0 ? "" : ",").append("{\"type\":\"WEB\",\"url\":\"https://github.com/example/").append(pkg(eco, p))
                    .append("/commit/").append(Long.toHexString(rnd.nextLong())).append(Long.toHexString(rnd.nextLong())).append("\"}");
        }
        sb.append("],\"database_specific\":{\"cwe_ids\":[\"CWE-125\"],\"severity\":\"HIGH\",\"github_reviewed\":true,")
                .append("\"github_reviewed_at\":\"2024-03-02T00:00:00Z\",\"nvd_published_at\":null}}");
        return sb.toString();
    }
}
