package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VulndbCommandTest {
    @TempDir
    Path tmp;

    private static final String RECORD = """
            {"id": "GHSA-35jh-r3h4-6jhm", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2021-23337"],
             "affected": [{"package": {"ecosystem": "npm", "name": "lodash"},
                           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]}]}
            """;

    private Path allZip(String... entries) throws Exception {
        Path z = tmp.resolve("all.zip");
        try (OutputStream o = Files.newOutputStream(z); ZipOutputStream zip = new ZipOutputStream(o)) {
            for (int i = 0; i < entries.length; i += 2) {
                zip.putNextEntry(new ZipEntry(entries[i]));
                zip.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return z;
    }

    @Test
    void importThenStatus() throws Exception {
        Path z = allZip("GHSA-35jh-r3h4-6jhm.json", RECORD);
        Path db = tmp.resolve("db");
        CliRunner imp = CliRunner.run("vulndb", "import", z.toString(), "--db", db.toString());
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("npm").contains("1 records held").contains("imported 1 records from 1 files into " + db);
        CliRunner st = CliRunner.run("vulndb", "status", "--db", db.toString());
        assertThat(st.exitCode()).as(st.err()).isZero();
        assertThat(st.out()).contains("npm").contains("2024-01-01T00:00:00Z").contains("1 records in 1 ecosystems; oldest import");
        CliRunner quiet = CliRunner.run("vulndb", "status", "--db", db.toString(), "-q");
        assertThat(quiet.out().strip().lines()).hasSize(1);
        CliRunner stale = CliRunner.run("vulndb", "status", "--db", db.toString(), "--max-age", "0m");
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.out()).contains("stale");
    }

    @Test
    void statusJudgesTheAgeTheConfigurationSetsLikeTheScan() throws Exception {
        Path z = allZip("GHSA-35jh-r3h4-6jhm.json", RECORD);
        assertThat(CliRunner.run("vulndb", "import", z.toString(), "--db", tmp.resolve("db").toString()).exitCode()).isZero();
        Files.writeString(tmp.resolve(".kubeward.yaml"), "vulndb:\n  maxAge: 0m\n");
        CliRunner configured = CliRunner.run(CliRunner.env(tmp, false), "vulndb", "status", "--db", "db");
        assertThat(configured.exitCode()).isEqualTo(1);
        assertThat(configured.out()).contains("stale").contains("older than 0m");
        CliRunner option = CliRunner.run(CliRunner.env(tmp, false), "vulndb", "status", "--db", "db", "--max-age", "7d");
        assertThat(option.exitCode()).isZero();
        Files.writeString(tmp.resolve(".kubeward.yaml"), "vulndb:\n  maxAge: soon\n");
        CliRunner bad = CliRunner.run(CliRunner.env(tmp, false), "vulndb", "status", "--db", "db");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(".kubeward.yaml:2: vulndb.maxAge must be an age such as 7d, 36h or 90m");
    }

    @Test
    void aBrokenRecordIsNamedWithItsLineAndTheRestIsImported() throws Exception {
        Path z = allZip("GHSA-35jh-r3h4-6jhm.json", RECORD, "GHSA-bad.json", "{\"id\": \"x\",\n  \"affected\": [1]}");
        Path db = tmp.resolve("db");
        CliRunner r = CliRunner.run("vulndb", "import", z.toString(), "--db", db.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("all.zip!GHSA-bad.json:2:16: 'affected' entries must be objects");
        assertThat(r.out()).contains("imported 1 records").contains("1 could not be read");
        assertThat(CliRunner.run("vulndb", "status", "--db", db.toString()).out()).contains("1 records in 1 ecosystems");
    }

    @Test
    void theDatabaseDirectoryComesFromTheEnvironmentWithoutDb() throws Exception {
        Path z = allZip("GHSA-35jh-r3h4-6jhm.json", RECORD);
        Path db = tmp.resolve("from-env");
        Environment env = CliRunner.env(tmp, false, "KUBEWARD_VULNDB", db.toString());
        assertThat(CliRunner.run(env, "vulndb", "import", z.toString()).exitCode()).isZero();
        assertThat(Files.exists(db.resolve("index.json"))).isTrue();
        assertThat(CliRunner.run(env, "vulndb", "status").out()).contains("vulnerability database " + db);
    }

    @Test
    void noDatabaseSaysHowToGetOne() {
        CliRunner r = CliRunner.run("vulndb", "status", "--db", tmp.resolve("none").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("never downloads").contains("osv-vulnerabilities.storage.googleapis.com/Debian/all.zip")
                .contains("kubeward vulndb import all.zip");
    }

    @Test
    void badInputsAreUsageErrors() throws Exception {
        Path txt = tmp.resolve("notes.txt");
        Files.writeString(txt, "hello");
        CliRunner r = CliRunner.run("vulndb", "import", txt.toString(), "--db", tmp.resolve("db").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("notes.txt: not an OSV all.zip, a JSON file or a directory");
        assertThat(CliRunner.run("vulndb", "import").exitCode()).isEqualTo(2);
        CliRunner age = CliRunner.run("vulndb", "status", "--max-age", "soon", "--db", tmp.toString());
        assertThat(age.exitCode()).isEqualTo(2);
        assertThat(age.err()).contains("not an age such as 7d");
    }
}
