package dev.kubeward.image.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeward.image.Package;
import dev.kubeward.image.TestImages;
import dev.kubeward.image.oci.Image;
import dev.kubeward.image.oci.ImageLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rpm database of src/test/resources/images/rpm, written by SQLite itself (make-rpmdb.py beside it). */
public class RpmCatalogerTest {
    static final Path RPMDB = Path.of("src/test/resources/images/rpm/rpmdb.sqlite");
    static final String ALMA = "NAME=\"AlmaLinux\"\nVERSION_ID=\"9.3\"\nID=\"almalinux\"\nPRETTY_NAME=\"AlmaLinux 9.3 (Shamrock Pampas Cat)\"\n";

    @TempDir
    Path tmp;

    public static TestImages.Builder alma() throws Exception {
        return TestImages.image().layer(TestImages.layer()
                .file("/etc/os-release", ALMA)
                .file("/var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(RPMDB), 0644)
                .file("/usr/lib/python3.9/site-packages/pip-21.2.3.dist-info/METADATA", "Name: pip\nVersion: 21.2.3\n")
                .file("/usr/local/lib/python3.9/site-packages/pip-23.0.dist-info/METADATA", "Name: pip\nVersion: 23.0\n"));
    }

    private Catalog catalog(TestImages.Builder b) throws Exception {
        Path dir = tmp.resolve("img" + System.nanoTime());
        b.writeLayout(dir, null);
        try (Image image = ImageLoader.open("oci:" + dir, tmp, null)) {
            return Catalog.of(image);
        }
    }

    @Test
    void everyPackageOfTheSqliteDatabase() throws Exception {
        Catalog c = catalog(alma());
        assertThat(c.problems()).isEmpty();
        List<Package> rpms = c.packages().stream().filter(p -> "AlmaLinux".equals(p.ecosystem())).toList();
        // 64 rows: gpg-pubkey is a key, not a package.
        assertThat(rpms).hasSize(63);
        assertThat(rpms.get(0).withLayer(null)).isEqualTo(new Package("openssl-libs", "1:3.0.7-18.el9", "AlmaLinux",
                "pkg:rpm/almalinux/openssl-libs@3.0.7-18.el9?arch=x86_64&distro=almalinux-9.3&epoch=1&upstream=openssl-3.0.7-18.el9.src.rpm",
                "openssl", null, "AlmaLinux:9", "/var/lib/rpm/rpmdb.sqlite:1"));
        assertThat(rpms.get(1).name()).isEqualTo("bash");
        assertThat(rpms.get(1).version()).isEqualTo("5.1.8-6.el9");
        assertThat(rpms.get(1).sourceName()).isNull();
        assertThat(rpms.get(62).name()).isEqualTo("filler-59");
        // The pip that rpm installed is its package; the one pip installed is PyPI's.
        assertThat(c.packages()).filteredOn(p -> "PyPI".equals(p.ecosystem())).extracting(Package::version).containsExactly("23.0");
    }

    @Test
    void sourceRpmNames() {
        assertThat(RpmCataloger.sourceName("openssl-3.0.7-18.el9.src.rpm")).isEqualTo("openssl");
        assertThat(RpmCataloger.sourceName("python-pip-21.2.3-7.el9.src.rpm")).isEqualTo("python-pip");
        assertThat(RpmCataloger.sourceName("kernel-5.14.0-362.8.1.el9_3.nosrc.rpm")).isEqualTo("kernel");
        assertThat(RpmCataloger.sourceName("(none)")).isNull();
        assertThat(RpmCataloger.sourceName("nodashes.src.rpm")).isNull();
    }

    @Test
    void aDamagedDatabaseIsSaidNeverACrash() throws Exception {
        byte[] good = Files.readAllBytes(RPMDB);
        Random random = new Random(20);
        for (int i = 0; i < 200; i++) {
            byte[] bad = Arrays.copyOf(good, good.length);
            for (int j = 0; j < 20; j++) {
                bad[100 + random.nextInt(bad.length - 100)] = (byte) random.nextInt(256);
            }
            CatalogContext ctx = new CatalogContext(null);
            try {
                for (Object[] r : new Sqlite(bad).rows("Packages")) {
                    for (Object col : r) {
                        if (col instanceof byte[] b) {
                            try {
                                new RpmHeader(b).files();
                            } catch (Sqlite.SqliteException expected) {
                                ctx.problem(expected.getMessage());
                            }
                        }
                    }
                }
            } catch (Sqlite.SqliteException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThatThrownBy(() -> new Sqlite("not a database at all, not at all........................................................................".getBytes()))
                .hasMessage("not an SQLite 3 database");
        assertThatThrownBy(() -> new Sqlite(Arrays.copyOf(good, 2048)).rows("Packages")).hasMessageContaining("outside the file");
    }

    @Test
    void berkeleyDbAndNdbDatabasesAreSaid() throws Exception {
        Catalog c = catalog(TestImages.image().layer(TestImages.layer().file("/etc/os-release", ALMA)
                .file("/var/lib/rpm/Packages", new byte[4096], 0644)));
        assertThat(c.packages()).isEmpty();
        assertThat(c.problems()).containsExactly(
                "/var/lib/rpm/Packages: an rpm database in the BerkeleyDB format, which is not read yet: its packages are not listed");
    }
}
