package dev.kubeward.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpdxReporterTest {
    @ParameterizedTest(name = "{0} is an expression: {1}")
    @CsvSource(delimiter = '|', value = {
        "MIT|true",
        "GPL-2.0-only|true",
        "GPL-2.0-or-later WITH Classpath-exception-2.0|true",
        "(MIT OR Apache-2.0) AND BSD-3-Clause|true",
        "LicenseRef-custom|true",
        "Apache-2.0+|true",
        "MIT License|false",
        "MIT and Apache|false",
        "MIT OR|false",
        "AND MIT|false",
        "(MIT|false",
        "MIT)|false",
        "()|false",
        "MIT Apache-2.0|false",
        "GPL v2|false",
        "BSD/MIT|false",
    })
    void licenseExpressions(String text, boolean expression) {
        assertThat(SpdxReporter.isExpression(text)).isEqualTo(expression);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MIT|MIT",
        "' MIT '|MIT",
        "The MIT License (MIT)|LicenseRef-1-the-mit-license-mit",
        "GPL v2|LicenseRef-1-gpl-v2",
    })
    void aLicenseThatIsNoExpressionIsALicenseRefToItsText(String text, String written) {
        Map<String, String> extracted = new LinkedHashMap<>();
        assertThat(SpdxReporter.license(text, extracted)).isEqualTo(written);
        if (!written.equals(text.strip())) {
            assertThat(extracted).containsEntry(text.strip(), written);
            // The same text is the same reference.
            assertThat(SpdxReporter.license(text, extracted)).isEqualTo(written);
            assertThat(extracted).hasSize(1);
        } else {
            assertThat(extracted).isEmpty();
        }
    }
}
