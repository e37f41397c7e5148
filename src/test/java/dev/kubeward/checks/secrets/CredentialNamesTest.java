package dev.kubeward.checks.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The false-positive stance, name by name and value by value. */
class CredentialNamesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "DB_PASSWORD, PASSWORD", "PGPASSWORD, PASSWORD", "dbPassword, PASSWORD", "mysql-root-passwd, PASSWORD",
        "spring.datasource.password, PASSWORD", "PASSWORD_FILE, NONE", "password_min_length, NONE",
        "API_KEY, KEY", "apiKey, KEY", "clientSecret, KEY", "GITHUB_TOKEN, KEY",
        // Polaris' sensitive names (sensitiveContainerEnvVar / sensitiveConfigmapContent): AWS_SECRET_ACCESS_KEY,
        // AZURE_.+KEY, OCI_CLI_KEY_CONTENT, GOOGLE_APPLICATION_CREDENTIALS (a key file's path: judged as a key), bearer.
        "aws_secret_access_key, CLOUD_KEY", "AWS_SECRET_ACCESS_KEY, CLOUD_KEY", "azure_batch_key, CLOUD_KEY",
        "AZURE_STORAGE_ACCOUNT_KEY, CLOUD_KEY", "oci_cli_key_content, CLOUD_KEY", "OCI_CLI_KEY_CONTENT, CLOUD_KEY",
        "azure_key, NONE", "GOOGLE_APPLICATION_CREDENTIALS, KEY", "AUTH_BEARER, KEY", "bearerToken, KEY",
        "credentials, KEY", "SECRET_NAME, NONE", "TOKEN_URL, NONE", "tokenTtl, NONE", "MAX_TOKENS, NONE",
        "SSH_KEY_PATH, NONE", "CLIENT_ID, NONE", "LOG_LEVEL, NONE", "monkey, NONE", "secretKeyRef, NONE",
    })
    void namesAreSplitIntoWords(String name, CredentialNames.Strength expected) {
        assertThat(CredentialNames.strength(name)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "MAX_TOKENS; max tokens", "tokenTtl; token ttl", "AWSSecretKey; awssecret key", "PGPASSWORD; pgpassword",
        "spring.datasource.password; spring datasource password", "s3Bucket2Key; s3 bucket2 key",
        "__a--b__; a b", "ÜberSecret; ber secret", "'   '; ''", "x9Y; x9 y",
    })
    void wordsSplitAtSeparatorsAndCamelHumps(String name, String expected) {
        assertThat(String.join(" ", CredentialNames.words(name))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        "PASSWORD; hunter2; true", "PASSWORD; abc; false", "PASSWORD; ${DB_PASSWORD}; false",
        "PASSWORD; changeme; false", "PASSWORD; '********'; false", "PASSWORD; 3600; false",
        "KEY; q8Zr4Lw1Xp0Vt7Ns3Kd9; true", "KEY; my-secret-name; false", "KEY; aaaaaaaaaaaaaaaaaaaa; false",
        "KEY; this is a sentence of words; false", "KEY; /var/run/secrets/token; false",
        "NONE; q8Zr4Lw1Xp0Vt7Ns3Kd9; false",
        // Placeholders: values to be filled in, variables, masks.
        "PASSWORD; INSERT_DB_PASSWORD_HERE; false", "KEY; INSERT_SLACK_TOKEN; false", "PASSWORD; your-password; false",
        "PASSWORD; YOUR_PASSWORD; false", "PASSWORD; replace_with_password; false", "PASSWORD; <password>; false",
        "PASSWORD; Bearer <token>; false", "PASSWORD; $REDIS_PASSWORD; false", "PASSWORD; %DB_PASS%; false",
        "PASSWORD; {password}; false", "PASSWORD; xxx; false", "PASSWORD; xxxx-xxxx-xxxx; false",
        "PASSWORD; change_me; false", "PASSWORD; placeholder; false", "PASSWORD; s3cr3t-Fixture; true",
        "PASSWORD; Hunter2-here-now; true",
        "CLOUD_KEY; wJalrXUtnFEMIK7MDENGbPxRfiCYFIXTUREKEY12; true", "CLOUD_KEY; abc12345; true",
        "CLOUD_KEY; short; false", "CLOUD_KEY; changeme; false", "CLOUD_KEY; see the vault; false",
    })
    void valuesMustBeLiteralAndForKeysRandom(CredentialNames.Strength strength, String value, boolean expected) {
        assertThat(CredentialNames.isCredentialValue(strength, value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "AKIAQ7FIXTUREZXYZ7AB; an AWS access key id", "AKIAIOSFODNN7EXAMPLE; ",
        "ghp_FixtureFixtureFixtureFixture12345678; a GitHub token", "ghp_short; ",
        "https://user:Fixture-Pa55@host/x; a password in a URL", "https://user:${PW}@host/x; ",
        "https://host:8443/x; ", "-----BEGIN OPENSSH PRIVATE KEY-----; a private key",
        "sk_live_0123456789abcdefABCDEFGH; a Stripe secret key",
    })
    void formatsAreRecognisedByTheirShape(String value, String kind) {
        assertThat(CredentialPatterns.find(value).orElse(null)).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"hunter2, …", "hunter2-fixture, hu…", "q8Zr4Lw1Xp0Vt7Ns3Kd9, q8…"})
    void previewsShowAtMostTwoCharacters(String value, String preview) {
        assertThat(Mask.preview(value)).isEqualTo(preview);
    }
}
