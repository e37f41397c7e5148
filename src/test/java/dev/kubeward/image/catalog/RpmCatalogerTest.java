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
                            } catch (DatabaseException expected) {
                                ctx.problem(expected.getMessage());
                            }
                        }
                    }
                }
            } catch (DatabaseException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThatThrownBy(() -> new Sqlite("not a database at all, not at all........................................................................".getBytes()))
                .hasMessage("not an SQLite 3 database");
        assertThatThrownBy(() -> new Sqlite(Arrays.copyOf(good, 2048)).rows("Packages")).hasMessageContaining("outside the file");
    }

    /** The packages of a catalog as name and version, in order. */
    private static List<String> rpms(Catalog c) {
        return c.packages().stream().filter(p -> "AlmaLinux".equals(p.ecosystem())).map(p -> p.name() + " " + p.version()
                + " " + p.sourceName()).toList();
    }

    private TestImages.Builder withDatabase(String path, byte[] db) {
        return TestImages.image().layer(TestImages.layer().file("/etc/os-release", ALMA).file(path, db, 0644));
    }

    static final Path BDB = Path.of("src/test/resources/images/rpm/Packages");
    static final Path BDB_BE_512 = Path.of("src/test/resources/images/rpm/Packages-be512");

    @Test
    void berkeleyDbHashDatabasesHoldTheSamePackagesAsTheSqliteOne() throws Exception {
        List<String> expected = rpms(catalog(alma()));
        assertThat(expected).hasSize(63);
        // Written by BerkeleyDB itself (make-rpmdb-bdb.py), read back by rpm's bdb_ro as a check.
        for (Path fixture : List.of(BDB, BDB_BE_512)) {
            Catalog c = catalog(withDatabase("/var/lib/rpm/Packages", Files.readAllBytes(fixture)));
            assertThat(c.problems()).as(fixture.toString()).isEmpty();
            assertThat(rpms(c)).as(fixture.toString()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(c.packages()).allSatisfy(p -> assertThat(p.path()).startsWith("/var/lib/rpm/Packages:"));
        }
    }

    @Test
    void ndbDatabasesHoldTheSamePackagesAsTheSqliteOne() throws Exception {
        List<String> expected = rpms(catalog(alma()));
        List<byte[]> headers = RpmCataloger.headers(".sqlite", Files.readAllBytes(RPMDB));
        Catalog c = catalog(withDatabase("/usr/lib/sysimage/rpm/Packages.db", Ndb.write(headers, 3)));
        assertThat(c.problems()).isEmpty();
        assertThat(rpms(c)).containsExactlyElementsOf(expected);
        // The SQLite database wins over a BerkeleyDB one left behind by a conversion, as rpm reads it.
        Catalog both = catalog(TestImages.image().layer(TestImages.layer().file("/etc/os-release", ALMA)
                .file("/var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(RPMDB), 0644)
                .file("/var/lib/rpm/Packages", new byte[4096], 0644)));
        assertThat(both.problems()).isEmpty();
        assertThat(rpms(both)).containsExactlyElementsOf(expected);
    }

    /** An NDB file as rpm's rpmpkg.c writes it: header, one slot page, blobs with head, padding and tail. */
    static final class Ndb {
        static byte[] write(List<byte[]> headers, int freeSlotAt) {
            java.io.ByteArrayOutputStream blobs = new java.io.ByteArrayOutputStream();
            java.nio.ByteBuffer slots = java.nio.ByteBuffer.allocate(4096).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            slots.putInt(RpmNdb.HEADER_MAGIC).putInt(0).putInt(7).putInt(1).putInt(headers.size() + 1).putInt(0).putLong(0);
            int block = 4096 / 16;
            int slot = 2;
            int pkg = 1;
            for (byte[] h : headers) {
                if (slot == freeSlotAt) {
                    slots.putInt(RpmNdb.SLOT_MAGIC).putInt(0).putInt(0).putInt(0);
                    slot++;
                }
                int blocks = (16 + h.length + 12 + 15) / 16;
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(blocks * 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                b.putInt(RpmNdb.BLOB_MAGIC).putInt(pkg).putInt(1).putInt(h.length).put(h);
                java.util.zip.Adler32 adler = new java.util.zip.Adler32();
                adler.update(b.array(), 0, blocks * 16 - 12);
                b.position(blocks * 16 - 12);
                b.putInt((int) adler.getValue()).putInt(h.length).putInt(RpmNdb.TAIL_MAGIC);
                slots.putInt(RpmNdb.SLOT_MAGIC).putInt(pkg).putInt(block).putInt(blocks);
                blobs.writeBytes(b.array());
                block += blocks;
                pkg++;
                slot++;
            }
            while (slots.hasRemaining()) {
                slots.putInt(RpmNdb.SLOT_MAGIC).putInt(0).putInt(0).putInt(0);
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.writeBytes(slots.array());
            out.writeBytes(blobs.toByteArray());
            return out.toByteArray();
        }
    }

    @Test
    void damagedBerkeleyDbAndNdbFilesAreSaidNeverACrash() throws Exception {
        List<byte[]> headers = RpmCataloger.headers(".sqlite", Files.readAllBytes(RPMDB));
        byte[] ndb = Ndb.write(headers, 5);
        byte[] bdb = Files.readAllBytes(BDB_BE_512);
        Random random = new Random(21);
        for (byte[] good : List.of(ndb, bdb)) {
            for (int i = 0; i < 300; i++) {
                byte[] bad = Arrays.copyOf(good, good.length);
                for (int j = 0; j < 12; j++) {
                    bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                }
                try {
                    RpmCataloger.headers(good == ndb ? "/Packages.db" : "/Packages", bad);
                } catch (DatabaseException expected) {
                    // said, not thrown further
                }
            }
        }
        assertThatThrownBy(() -> RpmCataloger.headers("/Packages.db", Arrays.copyOf(ndb, 4096 + 64)))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("past the end of the file");
        byte[] tail = Arrays.copyOf(ndb, ndb.length);
        tail[tail.length - 1] ^= 1;
        assertThatThrownBy(() -> RpmCataloger.headers("/Packages.db", tail)).hasMessageContaining("the blob's tail (length, BlbE magic) is damaged");
        assertThatThrownBy(() -> RpmCataloger.headers("/Packages", new byte[4096])).hasMessageContaining("not a BerkeleyDB hash database");
        // An overflow page whose next page is itself.
        byte[] loop = Arrays.copyOf(bdb, bdb.length);
        int page = firstOverflowPage(loop, 512);
        java.nio.ByteBuffer.wrap(loop).putInt(page * 512 + 16, page);
        assertThatThrownBy(() -> RpmCataloger.headers("/Packages", loop)).hasMessageContaining("loops at page " + page);
        Catalog c = catalog(withDatabase("/var/lib/rpm/Packages", Arrays.copyOf(bdb, 1000)));
        assertThat(c.packages()).isEmpty();
        assertThat(c.problems()).singleElement().asString().startsWith("/var/lib/rpm/Packages: ").endsWith("its packages are not listed");
    }

    /** The first overflow page (type 7) with a next page, of a big-endian database. */
    private static int firstOverflowPage(byte[] db, int pageSize) {
        for (int p = 1; p < db.length / pageSize; p++) {
            if (db[p * pageSize + 25] == 7 && java.nio.ByteBuffer.wrap(db).getInt(p * pageSize + 16) != 0) {
                return p;
            }
        }
        throw new AssertionError("no overflow chain in the fixture");
    }
}
