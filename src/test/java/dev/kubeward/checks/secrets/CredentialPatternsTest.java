package dev.kubeward.checks.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shortest text each pattern accepts is still found: the length and literal pre-filters that
 * spare most values the regexes must never hide a match.
 */
class CredentialPatternsTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "-----BEGINPRIVATE KEY-----|a private key",
        "AKIAQ7FIXTUREZXYZ7AB|an AWS access key id",
        "A3TXQ7FIXTUREZXYZ7AB|an AWS access key id",
        "\"type\":\"service_account\"\"private_key\":|a GCP service-account key",
        "AIzaFixtureFixtureFixtureFixture1234567|a Google API key",
        "ghs_FixtureFixtureFixtureFixture12345678|a GitHub token",
        "glpat-Fixture-Fixture-1234|a GitLab token",
        "xoxb-Fixture123|a Slack token",
        "rk_live_FixtureFixtureFixture123|a Stripe secret key",
        "eyJFixture123.eyJFixture123.Fixture1234|a JSON Web Token",
        "a://u:pwd@h|a password in a URL",
    })
    void theShortestMatchOfEachPatternIsFound(String text, String kind) {
        assertThat(CredentialPatterns.find(text)).contains(kind);
    }
}
