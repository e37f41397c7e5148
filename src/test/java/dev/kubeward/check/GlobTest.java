package dev.kubeward.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shell-style globs as the configuration and annotations use them: '*' any run (slashes too), '?' one character. */
class GlobTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "privileged-container | privileged-container | true",
        "privileged-container | privileged-containers | false",
        "privileged-*          | privileged-container | true",
        "*                     | ''                   | true",
        "*                     | anything/with/slashes | true",
        "image-*-latest        | image-tag-latest      | true",
        "image-*-latest        | image-tag-latest-x    | false",
        "?un-as-root           | run-as-root           | true",
        "?un-as-root           | un-as-root            | false",
        "a*b*c                 | abc                   | true",
        "a*b*c                 | axxbyyczz             | false",
        "a*b*c                 | axxbyycbc             | true",
        "**a**                 | a                     | true",
        "registry.example.com/*| registry.example.com/shop/app | true",
        "''                    | ''                    | true",
        "''                    | x                     | false",
    })
    void matchesAsAShellWould(String glob, String text, boolean expected) {
        assertThat(Glob.matches(glob, text)).isEqualTo(expected);
    }

    @Test
    void aHostilePatternDoesNotStallTheScan() {
        // With plain recursion this pattern backtracks exponentially against a run of 'a's.
        String glob = "*a".repeat(40) + "b";
        String text = "a".repeat(200);
        boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Glob.matches(glob, text));
        assertThat(matched).isFalse();
        assertThat(Glob.matches(glob, text + "b")).isTrue();
    }
}
