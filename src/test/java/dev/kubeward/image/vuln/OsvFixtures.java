package dev.kubeward.image.vuln;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hand-written OSV records in the shapes of the real ones, and all.zip files made of them. */
final class OsvFixtures {
    private OsvFixtures() {}

    static final String DSA = """
            {"id": "DSA-5514-1", "modified": "2023-10-03T18:00:00Z", "published": "2023-10-03T00:00:00Z",
             "summary": "glibc - security update",
             "details": "The Qualys Research Labs discovered a buffer overflow in the dynamic loader's processing of GLIBC_TUNABLES",
             "upstream": ["CVE-2023-4911", "DEBIAN-CVE-2023-4911"],
             "affected": [
               {"package": {"ecosystem": "Debian:11", "name": "glibc", "purl": "pkg:deb/debian/glibc?arch=source"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.31-13+deb11u7"}]}]},
               {"package": {"ecosystem": "Debian:12", "name": "glibc", "purl": "pkg:deb/debian/glibc?arch=source"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.36-9+deb12u3"}]}]}],
             "references": [{"type": "ADVISORY", "url": "https://www.debian.org/security/2023/dsa-5514"}]}
            """;

    static final String DEBIAN_CVE = """
            {"id": "DEBIAN-CVE-2023-4911", "modified": "2024-09-01T00:00:00Z",
             "upstream": ["CVE-2023-4911"],
             "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"}],
             "details": "A buffer overflow was discovered in the GNU C Library's dynamic loader ld.so",
             "affected": [{"package": {"ecosystem": "Debian:12", "name": "glibc"},
                           "ecosystem_specific": {"urgency": "medium"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.36-9+deb12u3"}]}],
                           "versions": ["2.36-8", "2.36-9", "2.36-9+deb12u1", "2.36-9+deb12u2"]}]}
            """;

    static final String LOG4SHELL = """
            {"schema_version": "1.4.0", "id": "GHSA-jfh8-c2jp-5v3q", "modified": "2024-02-21T17:52:00Z",
             "published": "2021-12-10T00:40:56Z", "aliases": ["CVE-2021-44228"],
             "summary": "Remote code injection in Log4j",
             "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"}],
             "affected": [{"package": {"ecosystem": "Maven", "name": "org.apache.logging.log4j:log4j-core"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.13.0"}, {"fixed": "2.15.0"}]},
                                      {"type": "ECOSYSTEM", "events": [{"introduced": "2.4"}, {"fixed": "2.12.2"}]},
                                      {"type": "ECOSYSTEM", "events": [{"introduced": "2.0-beta9"}, {"fixed": "2.3.1"}]}],
                           "database_specific": {"source": "https://github.com/github/advisory-database/blob/main/advisories/github-reviewed/2021/12/GHSA-jfh8-c2jp-5v3q/GHSA-jfh8-c2jp-5v3q.json"}}],
             "database_specific": {"cwe_ids": ["CWE-20", "CWE-400", "CWE-502"], "severity": "CRITICAL", "github_reviewed": true}}
            """;

    static final String LODASH = """
            {"id": "GHSA-35jh-r3h4-6jhm", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2021-23337"],
             "summary": "Command Injection in lodash",
             "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"}],
             "affected": [{"package": {"ecosystem": "npm", "name": "lodash", "purl": "pkg:npm/lodash"},
                           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]}],
             "database_specific": {"severity": "HIGH"}}
            """;

    static final String WITHDRAWN = """
            {"id": "GHSA-9999-9999-9999", "modified": "2022-02-01T00:00:00Z", "withdrawn": "2022-02-01T00:00:00Z",
             "summary": "Withdrawn: duplicate", "affected": [{"package": {"ecosystem": "npm", "name": "lodash"},
             "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}
            """;

    static final String GO_VULN = """
            {"id": "GO-2023-1571", "modified": "2023-06-12T18:45:41Z", "aliases": ["CVE-2022-41723", "GHSA-vvpx-j8f3-3w6h"],
             "summary": "Denial of service via crafted HTTP/2 stream in net/http and golang.org/x/net",
             "affected": [{"package": {"name": "golang.org/x/net", "ecosystem": "Go"},
                           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "0.7.0"}]}],
                           "ecosystem_specific": {"imports": [{"path": "golang.org/x/net/http2", "symbols": ["Server.ServeConn"]}]}},
                          {"package": {"name": "stdlib", "ecosystem": "Go"},
                           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.19.6"}, {"introduced": "1.20.0-0"}, {"fixed": "1.20.1"}]}]}]}
            """;

    static final String GO_GHSA = """
            {"id": "GHSA-vvpx-j8f3-3w6h", "modified": "2023-05-01T00:00:00Z", "aliases": ["CVE-2022-41723"],
             "summary": "Uncontrolled Resource Consumption",
             "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}],
             "affected": [{"package": {"name": "golang.org/x/net", "ecosystem": "Go"},
                           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "0.7.0"}]}]}],
             "database_specific": {"severity": "HIGH"}}
            """;

    static final String PYSEC = """
            {"id": "PYSEC-2021-9999", "modified": "2021-06-01T00:00:00Z", "aliases": ["GHSA-aaaa-bbbb-cccc"],
             "affected": [{"package": {"name": "django", "ecosystem": "PyPI"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "3.2"}, {"fixed": "3.2.4"}]}],
                           "versions": ["3.2", "3.2.1", "3.2.2", "3.2.3"]}]}
            """;

    static final String PY_GHSA = """
            {"id": "GHSA-aaaa-bbbb-cccc", "modified": "2021-06-02T00:00:00Z", "aliases": ["PYSEC-2021-9999"],
             "summary": "Header injection in Django",
             "affected": [{"package": {"name": "Django", "ecosystem": "PyPI"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "3.2"}, {"fixed": "3.2.4"}]}]}],
             "database_specific": {"severity": "MODERATE"}}
            """;

    static final String VERSIONS_ONLY = """
            {"id": "PYSEC-2022-1", "modified": "2022-01-01T00:00:00Z", "aliases": ["CVE-2022-0001"],
             "affected": [{"package": {"name": "only-listed", "ecosystem": "PyPI"}, "versions": ["1.0.0", "1.0.1"]}]}
            """;

    static final String PACKAGIST = """
            {"id": "GHSA-pppp-qqqq-rrrr", "modified": "2023-01-01T00:00:00Z", "aliases": ["CVE-2023-0002"],
             "affected": [{"package": {"name": "symfony/http-kernel", "ecosystem": "Packagist"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "5.4.20"}]}],
                           "versions": ["5.4.19"]}]}
            """;

    static final String V4_ONLY = """
            {"id": "GHSA-v4v4-v4v4-v4v4", "modified": "2025-01-01T00:00:00Z", "aliases": ["CVE-2025-0004"],
             "severity": [{"type": "CVSS_V4", "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N"}],
             "affected": [{"package": {"ecosystem": "npm", "name": "v4-only"},
                           "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"fixed": "1.2.0"}]}]}],
             "database_specific": {"severity": "MODERATE"}}
            """;

    static final String ALPINE_LAST_AFFECTED = """
            {"id": "ALPINE-CVE-2024-0001", "modified": "2024-05-01T00:00:00Z", "upstream": ["CVE-2024-0001"],
             "affected": [{"package": {"ecosystem": "Alpine:v3.20", "name": "openssl"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"last_affected": "3.3.0-r1"}]}]},
                          {"package": {"ecosystem": "Alpine:v3.19", "name": "openssl"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.1.5-r0"}]}]}]}
            """;

    static final String GIT_ONLY = """
            {"id": "OSV-2020-1", "modified": "2020-01-01T00:00:00Z",
             "affected": [{"ranges": [{"type": "GIT", "repo": "https://github.com/example/example",
                                        "events": [{"introduced": "0"}, {"fixed": "aabbccddeeff00112233445566778899aabbccdd"}]}]}]}
            """;

    static final String BROKEN = "{\"id\": \"GHSA-broken\",\n \"modified\": \"2024-01-01T00:00:00Z\",\n \"affected\": [ {\"package\": }\n]}";

    /** A zip of named JSON records. */
    static Path zip(Path dir, String name, Map<String, String> entries) throws IOException {
        Path z = dir.resolve(name);
        Files.createDirectories(z.getParent());
        try (OutputStream o = Files.newOutputStream(z); ZipOutputStream zip = new ZipOutputStream(o)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return z;
    }
}
