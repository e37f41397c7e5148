package dev.kubeward.checks.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values read as a config file's lines, and values that are one such line themselves. */
class CredentialScanTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', nullValues = "null", value = {
        // One assignment as the whole value.
        "config; DB_PASSWORD:supersecret; a password (…) (DB_PASSWORD)",
        "config; DB_PASSWORD: supersecret; a password (…) (DB_PASSWORD)",
        "env; export REDIS_PASSWORD=s3cr3t-fixture; a password (s3…) (REDIS_PASSWORD)",
        "env; 'REDIS_PASSWORD=\"s3cr3t-fixture\"'; a password (s3…) (REDIS_PASSWORD)",
        "aws; aws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCYFIXTUREKEY12; a cloud credential (wJ…) (aws_secret_access_key)",
        // Not credentials: placeholders, settings, URLs, comments.
        "config; DB_PASSWORD=${DB_PASSWORD}; null",
        "config; DB_PASSWORD: changeme; null",
        "config; API_TOKEN=INSERT_API_TOKEN_HERE; null",
        "config; '# DB_PASSWORD=hunter2-fixture'; null",
        "url; http://host:8080; null",
        "config; PASSWORD_MIN_LENGTH=12; null",
        "mode; token: enabled; null",
        // The key's own name still decides first.
        "DB_PASSWORD; hunter2-fixture; a password (hu…)",
    })
    void readsOneLineAssignments(String name, String value, String expected) {
        assertThat(CredentialScan.scan(name, value).orElse(null)).isEqualTo(expected);
    }
}
