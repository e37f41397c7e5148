package dev.kubeward.image.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kubeward.image.ImageFixtures;
import dev.kubeward.image.Package;
import dev.kubeward.image.TestArtifacts;
import dev.kubeward.image.TestImages;
import dev.kubeward.image.oci.Image;
import dev.kubeward.image.oci.ImageLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageCatalogersTest {
    @TempDir
    Path tmp;

    private Catalog catalog(TestImages.Builder b) throws Exception {
        Path dir = tmp.resolve("img" + System.nanoTime());
        b.writeLayout(dir, null);
        try (Image image = ImageLoader.open("oci:" + dir, tmp, null)) {
            return Catalog.of(image);
        }
    }

    static byte[] springBootJar() throws Exception {
        byte[] log4j = TestArtifacts.jar(TestArtifacts.entries(
                "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Title: Apache Log4j Core\n",
                "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties",
                TestArtifacts.pomProperties("org.apache.logging.log4j", "log4j-core", "2.14.1")));
        byte[] noPom = TestArtifacts.jar(TestArtifacts.entries(
                "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Vendor-Id: org.example\n"
                        + "Implementation-Title: tiny\nImplementation-Version: 0.3\n"));
        byte[] bare = TestArtifacts.jar(TestArtifacts.entries("a/B.class", "x"));
        var entries = TestArtifacts.entries(
                "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nStart-Class: com.example.Shop\n",
                "META-INF/maven/com.example/shop/pom.properties", TestArtifacts.pomProperties("com.example", "shop", "1.0.0"));
        entries.put("BOOT-INF/lib/log4j-core-2.14.1.jar", log4j);
        entries.put("BOOT-INF/lib/tiny.jar", noPom);
        entries.put("BOOT-INF/lib/bare-lib-2.1.jar", bare);
        return TestArtifacts.jar(entries);
    }

    @Test
    void javaArchivesWithNestedJars() throws Exception {
        Catalog c = catalog(TestImages.image().layer(TestImages.layer().file("/app/shop.jar", springBootJar(), 0644)));
        assertThat(c.packages()).extracting(Package::name, Package::version, Package::ecosystem, Package::path).containsExactly(
                tuple("org.apache.logging.log4j:log4j-core", "2.14.1", "Maven", "/app/shop.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar"),
                tuple("org.example:tiny", "0.3", "Maven", "/app/shop.jar!/BOOT-INF/lib/tiny.jar"),
                tuple("bare-lib", "2.1", null, "/app/shop.jar!/BOOT-INF/lib/bare-lib-2.1.jar"),
                tuple("com.example:shop", "1.0.0", "Maven", "/app/shop.jar"));
        assertThat(c.packages().get(0).purl()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
        assertThat(c.problems()).containsExactly(
                "1 Java archive has no Maven coordinates (no pom.properties, no Implementation-Vendor-Id): listed, not matched");
    }

    @Test
    void aBrokenArchiveIsSaidAndTheRestIsRead() throws Exception {
        Catalog c = catalog(TestImages.image().layer(TestImages.layer()
                .file("/app/broken.jar", "PK\u0003\u0004 this is not a zip".getBytes(StandardCharsets.ISO_8859_1), 0644)
                .file("/app/node_modules/lodash/package.json", "{\"name\": \"lodash\", \"version\": \"4.17.20\"}")));
        assertThat(c.packages()).extracting(Package::name).containsExactly("lodash");
        assertThat(c.problems()).singleElement().asString().startsWith("/app/broken.jar: not a readable Java archive");
    }

    @Test
    void pythonDistributionsNotOwnedByDpkg() throws Exception {
        Catalog c = catalog(ImageFixtures.debian(TestImages.Compression.GZIP).layer(TestImages.layer()
                .file("/usr/lib/python3/dist-packages/requests-2.28.1.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: requests\nVersion: 2.28.1\n")
                .file("/usr/local/lib/python3.11/site-packages/requests-2.30.0.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: requests\nVersion: 2.30.0\nSummary: x\n\nVersion: 9.9 (in the description)\n")
                .file("/usr/local/lib/python3.11/site-packages/Flask_Cors-4.0.0.egg-info/PKG-INFO",
                        "Metadata-Version: 1.1\nName: Flask_Cors\nVersion: 4.0.0\n")
                .file("/usr/lib/python3/dist-packages/six-1.16.0.egg-info", "Metadata-Version: 1.2\nName: six\nVersion: 1.16.0\n")));
        assertThat(c.packages()).filteredOn(p -> "PyPI".equals(p.ecosystem()))
                .extracting(Package::name, Package::version, Package::purl).containsExactly(
                        tuple("six", "1.16.0", "pkg:pypi/six@1.16.0"),
                        tuple("Flask_Cors", "4.0.0", "pkg:pypi/flask-cors@4.0.0"),
                        tuple("requests", "2.30.0", "pkg:pypi/requests@2.30.0"));
    }

    @Test
    void npmPackagesInNodeModulesOnly() throws Exception {
        Catalog c = catalog(TestImages.image().layer(TestImages.layer()
                .file("/app/package.json", "{\"name\": \"shop\", \"version\": \"1.0.0\"}")
                .file("/app/node_modules/lodash/package.json", "{\"name\": \"lodash\", \"version\": \"4.17.20\"}")
                .file("/app/node_modules/@types/node/package.json", "{\"name\": \"@types/node\", \"version\": \"20.1.0\"}")
                .file("/app/node_modules/a/node_modules/b/package.json", "{\"name\": \"b\", \"version\": \"1.0.0\"}")
                .file("/app/node_modules/a/lib/package.json", "{\"type\": \"module\"}")
                .file("/app/node_modules/c/package.json", "{\"name\": \"c\"}")));
        assertThat(c.packages()).extracting(Package::name, Package::version, Package::purl).containsExactly(
                tuple("@types/node", "20.1.0", "pkg:npm/%40types/node@20.1.0"),
                tuple("b", "1.0.0", "pkg:npm/b@1.0.0"),
                tuple("lodash", "4.17.20", "pkg:npm/lodash@4.17.20"));
    }

    @Test
    void licensesAsTheMetadataDeclaresThem() throws Exception {
        Catalog c = catalog(TestImages.image().layer(TestImages.layer()
                .file("/app/node_modules/lodash/package.json", "{\"name\": \"lodash\", \"version\": \"4.17.20\", \"license\": \"MIT\"}")
                .file("/app/node_modules/old/package.json", "{\"name\": \"old\", \"version\": \"1.0.0\", \"license\": {\"type\": \"ISC\"}}")
                .file("/app/node_modules/two/package.json",
                        "{\"name\": \"two\", \"version\": \"1.0.0\", \"licenses\": [{\"type\": \"MIT\"}, {\"type\": \"Apache-2.0\"}]}")
                .file("/app/node_modules/none/package.json", "{\"name\": \"none\", \"version\": \"1.0.0\"}")
                .file("/usr/local/lib/python3.12/site-packages/a-1.0.dist-info/METADATA",
                        "Metadata-Version: 2.4\nName: a\nVersion: 1.0\nLicense-Expression: MIT OR Apache-2.0\nLicense: long text\n")
                .file("/usr/local/lib/python3.12/site-packages/b-1.0.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: b\nVersion: 1.0\nLicense: BSD\n")
                .file("/usr/local/lib/python3.12/site-packages/c-1.0.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: c\nVersion: 1.0\nLicense: UNKNOWN\n\nLicense: MIT\n")));
        assertThat(c.packages()).extracting(Package::name, Package::license).containsExactlyInAnyOrder(
                tuple("lodash", "MIT"), tuple("old", "ISC"), tuple("two", "(MIT OR Apache-2.0)"), tuple("none", null),
                tuple("a", "MIT OR Apache-2.0"), tuple("b", "BSD"), tuple("c", null));
    }

    static final String MODINFO = "path\texample.com/server\n"
            + "mod\texample.com/server\t(devel)\t\n"
            + "dep\tgolang.org/x/net\tv0.5.0\th1:abc=\n"
            + "dep\tgithub.com/old/thing\tv1.0.0\th1:def=\n"
            + "=>\tgithub.com/new/thing\tv1.2.0\th1:ghi=\n"
            + "dep\tgithub.com/local/fork\tv0.1.0\th1:jkl=\n"
            + "=>\t../fork\t\t\n"
            + "build\t-compiler=gc\n";

    @Test
    void goBuildInfoAcrossBufferBoundaries() throws Exception {
        for (int offset : new int[] {4096, 65536 - 16, 65536 + 48, 200_000}) {
            byte[] bin = TestArtifacts.goBinary(300_000, offset, "go1.19.5 X:boringcrypto", MODINFO);
            Catalog c = catalog(TestImages.image().layer(TestImages.layer()
                    .file("/usr/local/bin/server", bin, 0755)
                    .file("/usr/local/bin/not-exec", bin, 0644)
                    .file("/usr/local/bin/script", "#!/bin/sh\necho hi\n".repeat(100).getBytes(), 0755)));
            assertThat(c.packages()).as("at " + offset).extracting(Package::name, Package::version, Package::path).containsExactly(
                    tuple("stdlib", "go1.19.5", "/usr/local/bin/server"),
                    tuple("golang.org/x/net", "v0.5.0", "/usr/local/bin/server"),
                    tuple("github.com/new/thing", "v1.2.0", "/usr/local/bin/server"));
        }
    }

    @Test
    void goBinariesBefore118AreSaid() throws Exception {
        byte[] bin = TestArtifacts.goBinary(8192, 4096, "go1.16", MODINFO);
        bin[4096 + 15] = 0; // flags: pointers, not inline strings
        Catalog c = catalog(TestImages.image().layer(TestImages.layer().file("/bin/old", bin, 0755)));
        assertThat(c.packages()).isEmpty();
        assertThat(c.problems()).containsExactly(
                "/bin/old: a Go binary built before Go 1.18 (build information by pointers) without the ELF program headers "
                        + "and Go build ID note that locate it: its modules are not read");
    }

    @Test
    void buildInfoThatIsCutShortIsNoCrash() throws Exception {
        byte[] bin = TestArtifacts.goBinary(8192, 4096, "go1.22.1", MODINFO);
        byte[] cut = java.util.Arrays.copyOf(bin, 4096 + 40);
        GoCataloger go = new GoCataloger();
        Object info = go.read("/x", cut.length, new ByteArrayInputStream(cut));
        assertThat(((GoCataloger.BuildInfo) info).problem()).isEqualTo("its Go build information is cut short");
        assertThat(go.read("/x", 4, new ByteArrayInputStream("\u007fELF".getBytes(StandardCharsets.ISO_8859_1)))).isNull();
        assertThat(List.of(go.wants("/x", 100, 0755), go.wants("/x", 5000, 0644), go.wants("/x", 5000, 0700)))
                .containsExactly(false, false, true);
    }
    @org.junit.jupiter.params.ParameterizedTest(name = "64-bit {0}, big-endian {1}")
    @org.junit.jupiter.params.provider.CsvSource({"true, false", "true, true", "false, false", "false, true"})
    void goBinariesBefore118AreReadThroughTheirSegments(boolean is64, boolean bigEndian) throws Exception {
        byte[] bin = TestArtifacts.goBinaryByPointers(is64, bigEndian, true, "go1.16.15", MODINFO, 0x402040);
        Catalog c = catalog(TestImages.image().layer(TestImages.layer().file("/usr/local/bin/server", bin, 0755)));
        assertThat(c.problems()).isEmpty();
        assertThat(c.packages()).extracting(Package::name, Package::version, Package::path).containsExactly(
                tuple("stdlib", "go1.16.15", "/usr/local/bin/server"),
                tuple("golang.org/x/net", "v0.5.0", "/usr/local/bin/server"),
                tuple("github.com/new/thing", "v1.2.0", "/usr/local/bin/server"));
    }

    @Test
    void pointersThatLeadNowhereAreANoteNeverACrash() throws Exception {
        GoCataloger go = new GoCataloger();
        // The version's string header outside every segment, and in the gap between them.
        for (long at : new long[] {0x900000, 0x400000, 0x402ffc, -8}) {
            byte[] bin = TestArtifacts.goBinaryByPointers(true, false, true, "go1.16", MODINFO, at);
            GoCataloger.BuildInfo info = (GoCataloger.BuildInfo) go.read("/x", bin.length, new ByteArrayInputStream(bin));
            assertThat(info.problem()).as("at %x", at).contains("points outside the file's loadable segments");
        }
        // The file cut in the middle of the data segment: the string headers never came.
        byte[] bin = TestArtifacts.goBinaryByPointers(true, false, true, "go1.16", MODINFO, 0x402040);
        byte[] cut = java.util.Arrays.copyOf(bin, 0x2030);
        assertThat(((GoCataloger.BuildInfo) go.read("/x", cut.length, new ByteArrayInputStream(cut))).problem())
                .contains("points outside");
        // A string length beyond any real one.
        byte[] huge = bin.clone();
        java.nio.ByteBuffer.wrap(huge).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0x2048, Long.MAX_VALUE);
        assertThat(((GoCataloger.BuildInfo) go.read("/x", huge.length, new ByteArrayInputStream(huge))).problem())
                .contains("points outside");
        // A pointer size that is neither 4 nor 8.
        byte[] odd = bin.clone();
        odd[0x2000 + 14] = 3;
        assertThat(((GoCataloger.BuildInfo) go.read("/x", odd.length, new ByteArrayInputStream(odd))).problem())
                .contains("pointer size of 3");
        // Program headers claiming more entries than any linker writes are not believed.
        byte[] many = bin.clone();
        java.nio.ByteBuffer.wrap(many).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 0xffff);
        assertThat(((GoCataloger.BuildInfo) go.read("/x", many.length, new ByteArrayInputStream(many))).problem())
                .contains("without the ELF program headers");
    }

    @Test
    void withoutTheGoBuildIdNoteNothingIsKept() throws Exception {
        byte[] bin = TestArtifacts.goBinaryByPointers(true, false, false, "go1.16", MODINFO, 0x402040);
        GoCataloger.BuildInfo info = (GoCataloger.BuildInfo) new GoCataloger().read("/x", bin.length, new ByteArrayInputStream(bin));
        assertThat(info.problem()).isEqualTo("a Go binary built before Go 1.18 (build information by pointers) without the "
                + "ELF program headers and Go build ID note that locate it: its modules are not read");
    }
}
