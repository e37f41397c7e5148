package dev.kubeward.image.vex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenVexTest {
    @TempDir
    Path tmp;

    static String doc(String statements) {
        return """
                {
                  "@context": "https://openvex.dev/ns/v0.2.0",
                  "@id": "https://example.com/vex/1",
                  "author": "Security Team",
                  "timestamp": "2024-01-01T00:00:00Z",
                  "version": 1,
                  "statements": [
                %s
                  ]
                }
                """.formatted(statements);
    }

    static String statement(String vuln, String product, String rest) {
        return "    {\"vulnerability\": {\"name\": \"" + vuln + "\"}, \"products\": [{\"@id\": \"" + product + "\"}], " + rest + "}";
    }

    Path write(String text) throws Exception {
        Path f = tmp.resolve("vex-" + System.nanoTime() + ".json");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsStatementsWithTheirLinesTimesAndProducts() throws Exception {
        Path f = write(doc(String.join(",\n", List.of(
                statement("CVE-2023-5363", "pkg:deb/debian/libssl3", "\"status\": \"not_affected\", \"justification\": \"vulnerable_code_not_in_execute_path\""),
                "    {\"vulnerability\": {\"@id\": \"https://nvd.nist.gov/vuln/detail/CVE-2023-4911\", \"name\": \"CVE-2023-4911\","
                        + " \"aliases\": [\"DSA-5514-1\"]},\n     \"timestamp\": \"2024-02-01T10:00:00+01:00\",\n"
                        + "     \"products\": [{\"@id\": \"pkg:oci/shop@sha256%3A" + "a".repeat(64) + "\", \"subcomponents\": [{\"@id\": \"pkg:deb/debian/libc6\"}]},"
                        + " {\"identifiers\": {\"purl\": \"pkg:deb/debian/libc6-dev\"}, \"hashes\": {\"sha-256\": \"" + "B".repeat(64) + "\"}}],"
                        + " \"status\": \"fixed\"}"))));
        List<OpenVex.Statement> s = OpenVex.read(f, 10);
        assertThat(s).hasSize(2);
        OpenVex.Statement a = s.get(0);
        assertThat(a.where()).isEqualTo(f + ":8");
        assertThat(a.status()).isEqualTo(OpenVex.Status.NOT_AFFECTED);
        assertThat(a.justification()).isEqualTo("vulnerable_code_not_in_execute_path");
        assertThat(a.timestamp()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(a.order()).isEqualTo(10);
        assertThat(a.products().get(0).purl()).isEqualTo("pkg:deb/debian/libssl3");
        assertThat(a.reason()).isEqualTo("VEX not_affected (vulnerable_code_not_in_execute_path), " + f + ":8");
        OpenVex.Statement b = s.get(1);
        assertThat(b.where()).isEqualTo(f + ":9");
        assertThat(b.names()).containsExactlyInAnyOrder("CVE-2023-4911", "DSA-5514-1", "https://nvd.nist.gov/vuln/detail/CVE-2023-4911");
        assertThat(b.timestamp()).isEqualTo(Instant.parse("2024-02-01T09:00:00Z"));
        assertThat(b.products().get(0).digests()).containsExactly("sha256:" + "a".repeat(64));
        assertThat(b.products().get(0).subcomponents()).extracting(OpenVex.Product::purl).containsExactly("pkg:deb/debian/libc6");
        assertThat(b.products().get(1).digests()).containsExactly("sha256:" + "b".repeat(64));
        assertThat(b.status().suppresses()).isTrue();
        assertThat(b.order()).isEqualTo(11);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not_affected without justification or impact|\"status\": \"not_affected\"|:8: statements[0]: a not_affected statement needs a justification (component_not_present, inline_mitigations_already_exist, vulnerable_code_cannot_be_controlled_by_adversary, vulnerable_code_not_in_execute_path, vulnerable_code_not_present) or an impact_statement",
        "an unknown justification|\"status\": \"not_affected\", \"justification\": \"we_checked\"|:8: statements[0]: justification 'we_checked' is not one of",
        "affected without an action statement|\"status\": \"affected\"|:8: statements[0]: an affected statement needs an action_statement",
        "an unknown status|\"status\": \"wontfix\"|:8: statements[0]: status 'wontfix' is not one of not_affected, affected, fixed, under_investigation",
        "no status|\"justification\": \"component_not_present\"|:8: statements[0]: status is missing (one of not_affected, affected, fixed, under_investigation)",
        "a bad timestamp|\"status\": \"fixed\", \"timestamp\": \"yesterday\"|:8: statements[0].timestamp 'yesterday' is not an RFC 3339 date and time",
    })
    void aStatementBreakingTheSpecificationIsRefusedWithItsLine(String what, String rest, String message) throws Exception {
        Path f = write(doc(statement("CVE-1", "pkg:npm/lodash", rest)));
        assertThatThrownBy(() -> OpenVex.read(f, 0)).isInstanceOf(VexException.class).hasMessageStartingWith(f + message);
    }

    @Test
    void notAffectedWithAnImpactStatementAloneIsEnough() throws Exception {
        Path f = write(doc(statement("CVE-1", "pkg:npm/lodash", "\"status\": \"not_affected\", \"impact_statement\": \"only used at build time\"")));
        assertThat(OpenVex.read(f, 0).get(0).reason()).startsWith("VEX not_affected: only used at build time, ");
    }

    @Test
    void documentsThatAreNotOpenVexAreRefused() throws Exception {
        Path notJson = write("{\n \"@context\": \n}");
        assertThatThrownBy(() -> OpenVex.read(notJson, 0)).hasMessageStartingWith(notJson + ":3: not JSON: ");
        Path csaf = write("{\"document\": {\"category\": \"csaf_vex\"}}");
        assertThatThrownBy(() -> OpenVex.read(csaf, 0)).hasMessage(csaf + ":1: not an OpenVEX v0.2.0 document: @context is '', not https://openvex.dev/ns/v0.2.0");
        Path noAuthor = write(doc(statement("CVE-1", "pkg:npm/a", "\"status\": \"fixed\"")).replace("\"author\": \"Security Team\",", ""));
        assertThatThrownBy(() -> OpenVex.read(noAuthor, 0)).hasMessage(noAuthor + ":1: the document has no author (OpenVEX requires it)");
        Path noProducts = write(doc("    {\"vulnerability\": {\"name\": \"CVE-1\"}, \"status\": \"fixed\"}"));
        assertThatThrownBy(() -> OpenVex.read(noProducts, 0)).hasMessage(noProducts + ":8: statements[0] names no products");
        Path badPurl = write(doc(statement("CVE-1", "pkg:", "\"status\": \"fixed\"")));
        assertThatThrownBy(() -> OpenVex.read(badPurl, 0)).hasMessage(badPurl + ":8: statements[0].products[0]: 'pkg:' is not a package URL");
        Path scoped = write(doc(statement("CVE-1", "pkg:npm/@angular/core", "\"status\": \"fixed\"")));
        assertThatThrownBy(() -> OpenVex.read(scoped, 0)).hasMessage(scoped + ":8: statements[0].products[0]: 'pkg:npm/@angular/core' "
                + "is not a package URL: an @ in a namespace must be percent-encoded, as in 'pkg:npm/%40angular/core'");
        Path unnamed = write(doc(statement("CVE-1", "my laptop", "\"status\": \"fixed\"")));
        assertThatThrownBy(() -> OpenVex.read(unnamed, 0)).hasMessageContaining(":8: statements[0].products[0] names no product kubeward can match");
        Path noVuln = write(doc("    {\"vulnerability\": {}, \"products\": [{\"@id\": \"pkg:npm/a\"}], \"status\": \"fixed\"}"));
        assertThatThrownBy(() -> OpenVex.read(noVuln, 0)).hasMessage(noVuln + ":8: statements[0] names no vulnerability (vulnerability.name)");
        assertThatThrownBy(() -> OpenVex.read(tmp.resolve("none.json"), 0)).hasMessage(tmp.resolve("none.json") + ": no such VEX document");
    }
}
