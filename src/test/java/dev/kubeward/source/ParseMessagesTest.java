package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.InputError;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Syntax errors are said in plain sentences with their line, never in the parsers' own words. */
class ParseMessagesTest {
    /** Fragments of SnakeYAML's and Jackson's wording that must never reach a person. */
    private static final Pattern INTERNAL = Pattern.compile(
            "while scanning|while parsing|could not find expected|<block|<flow|<document|<stream|<scalar|"
                    + "expected <|but found|but got|cannot start any token|(code \\d+)|ALLOW_|Feature|"
                    + "was expecting|Unexpected character|Unrecognized|end-of-input|marker|States left|mapping values are not allowed",
            Pattern.CASE_INSENSITIVE);
    private final ManifestLoader loader = new ManifestLoader();

    static Stream<Arguments> yaml() {
        return Stream.of(
                Arguments.of("metadata:\n  name: x\n  labels\n    app: y\nspec: {}\n", 4,
                        "invalid YAML: a line of a mapping has no ':' after its key"),
                Arguments.of("metadata:\n  name: x\n   namespace: y\n", 3,
                        "invalid YAML: a ':' where no key can start"),
                Arguments.of("spec:\n  containers:\n  - name: a\n    image: b\n   - name: c\n", 5,
                        "invalid YAML: this line is not indented like the other"),
                Arguments.of("a:\n\tb: 1\n", 2, "invalid YAML: a tab character where YAML expects indentation"),
                Arguments.of("image: @latest\n", 1, "invalid YAML: '@' cannot start an unquoted value; put the value in quotes"),
                Arguments.of("args: [a, b\nother: 1\n", 2, "invalid YAML: a [ ] list is not closed"),
                Arguments.of("labels: {a: 1 b: 2}\n", 1, "invalid YAML: a { } mapping is not closed"),
                Arguments.of("command: \"echo \\q\"\n", 1, "invalid YAML: an unknown escape \\q in a double-quoted string"),
                Arguments.of("name: 'unterminated\n", 1, "invalid YAML: a quoted string is never closed"),
                Arguments.of("key: value: other\n", 1, "invalid YAML: a ':' where no key can start"),
                Arguments.of("a: 1\nb: &\n", 2, "invalid YAML: an anchor (&name) or alias (*name) needs a name"),
                Arguments.of("data: |x\n  text\n", 1, "invalid YAML: the header of a | or > block is malformed"),
                Arguments.of("- a\nb: 1\n", 2, "invalid YAML: "),
                Arguments.of("a: \u0007\n", 1, "invalid YAML: the text holds the control character U+0007"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("yaml")
    void yamlErrorsArePlainSentencesWithTheirLine(String text, int line, String message) {
        LoadResult r = loader.loadText("m.yaml", text);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).startsWith(message);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.message()).doesNotContainPattern(INTERNAL);
        });
    }

    static Stream<Arguments> json() {
        String head = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\",\n";
        return Stream.of(
                Arguments.of(head + "\"data\": {\"a\": \"b\",}}\n", "invalid JSON: a ',' before '}' (JSON has no trailing commas)"),
                Arguments.of(head + "\"data\": {a: \"b\"}}\n", "invalid JSON: a key that is not in double quotes"),
                Arguments.of(head + "\"data\": {\"a\": \"b\" \"c\": \"d\"}}\n", "invalid JSON: two entries of an object have no ','"),
                Arguments.of(head + "// a comment\n\"data\": {}}\n", "invalid JSON: a comment (JSON has none)"),
                Arguments.of(head + "\"data\": {\"a\": [1, 2,]}}\n", "invalid JSON: a ',' before ']'"),
                Arguments.of(head + "\"data\": {\"a\": yes}}\n", "invalid JSON: 'yes' is not a JSON value"),
                Arguments.of(head + "\"data\": {\"a\": \"b\"\n", "invalid JSON: the text ends before a { } object is closed"),
                Arguments.of(head + "\"data\": [1, 2}\n", "invalid JSON: a '}' where ']' should close"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("json")
    void jsonErrorsArePlainSentences(String text, String message) {
        LoadResult r = loader.loadText("m.json", text);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).startsWith(message);
            assertThat(e.line()).isGreaterThanOrEqualTo(2);
            assertThat(e.message()).doesNotContainPattern(INTERNAL);
        });
    }

    /** Broken variants of a manifest, one character changed at a time: no message speaks the parser's language. */
    @Test
    void noBrokenInputGetsTheParsersWording() {
        String manifest = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: {app: web, tier: "front"}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: "nginx:1.27"
                          args: [--port, '8080']
                          env:
                            - name: A
                              value: |
                                text
                """;
        String json = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"}, \"data\": {\"a\": [1, \"x\"]}}\n";
        String breakers = ":{}[],'\"\t-&*!|>%@`#?\\\u0001 \n";
        Random random = new Random(3);
        int errors = 0;
        for (int i = 0; i < 3000; i++) {
            String base = i % 3 == 0 ? json : manifest;
            StringBuilder text = new StringBuilder(base);
            for (int k = 0; k <= random.nextInt(3); k++) {
                int at = random.nextInt(text.length());
                char c = breakers.charAt(random.nextInt(breakers.length()));
                if (random.nextBoolean()) {
                    text.setCharAt(at, c);
                } else {
                    text.insert(at, c);
                }
            }
            LoadResult r = loader.loadText(i % 3 == 0 ? "m.json" : "m.yaml", text.toString());
            for (InputError e : r.errors()) {
                errors++;
                assertThat(e.message()).as("%s", text).doesNotContainPattern(INTERNAL);
                assertThat(e.line()).as("%s", text).isPositive();
            }
        }
        assertThat(errors).as("the mutations must break documents").isGreaterThan(500);
    }

    @Test
    void aLineIsCountedFromTheDocumentsStart() {
        assertThat(ParseMessages.lineOf("a\nb\nc", 4, 10)).isEqualTo(12);
        assertThat(List.of(ParseMessages.lineOf("", 0, 1))).containsExactly(1);
    }
}
