package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The linear reader must give SnakeYAML's parser exactly what SnakeYAML's own reader gives it:
 * the same events, values and marks (line, column, index) on every kind of input, line breaks of
 * every kind, a byte-order mark, characters beyond the Basic Multilingual Plane, and the same
 * refusals.
 */
class TextStreamReaderTest {
    private static List<String> events(StreamReader reader, int codePointLimit) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(codePointLimit);
        ParserImpl parser = new ParserImpl(reader, options);
        List<String> out = new ArrayList<>();
        try {
            while (parser.peekEvent() != null) {
                Event e = parser.getEvent();
                String value = e instanceof ScalarEvent s ? s.getValue() + "|" + s.getScalarStyle() : "";
                out.add(e.getEventId() + " " + value + " " + mark(e.getStartMark()) + "-" + mark(e.getEndMark()));
                if (e.is(Event.ID.StreamEnd)) {
                    break;
                }
            }
        } catch (YAMLException error) {
            Mark m = error instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked ? marked.getProblemMark() : null;
            out.add("error " + error.getClass().getSimpleName() + " " + (m == null ? "" : mark(m)));
        }
        return out;
    }

    private static String mark(Mark m) {
        return m.getLine() + ":" + m.getColumn() + "@" + m.getIndex();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "a: 1\n",
        "\uFEFFa: 1\nb: [x, y]\n",
        "a: 'it''s'\nb: \"tab\\there \\u00e9 \\x41\"\nc: plain text  with  spaces\n",
        "a: |\n  one\n  two\n\nb: >-\n  folded\n  lines\n\n  para\n",
        "a: \"multi\n  line\n\n  quoted\"\nb: 'single\n\n  multi'\n",
        "windows: 1\r\nline: 2\r\nends: [a,\r\n b]\r\n",
        "old mac: 1\rline: 2\r",
        "next line: 1\u0085unicode: 2\u2028sep: 3\u2029end: 4\n",
        "emoji: \"\uD83D\uDE00 \uD83D\uDC33\"\nkey\uD83D\uDE00: plain \uD83D\uDE80 text\nafter: 1\n",
        "anchors: &a {x: 1}\nuse: *a\nmerge:\n  <<: *a\n  y: 2\n",
        "# comment only\n",
        "seq:\n- a\n- - b\n  - c\n- {k: v}\n",
        "a: [unclosed\n",
        "a: b: c\n",
        "a: \"unterminated\n",
        "key: value\n\tbad: tab\n",
        "a: !!binary aGVsbG8=\nb: !!int \"3\"\n",
        "long: " + "x" + "abcdefghij" + "abcdefghij" + "\n",
    })
    void givesTheParserWhatSnakeYamlsReaderGives(String text) {
        assertThat(events(new TextStreamReader(text), Integer.MAX_VALUE))
                .isEqualTo(events(new StreamReader(new StringReader(text)), Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(ints = {1023, 1024, 1025, 4096, 70_000})
    void scalarsAcrossSnakeYamlsBufferBoundariesReadTheSame(int length) {
        String value = "ab\uD83D\uDE00".repeat(length / 4 + 1).substring(0, length);
        if (Character.isHighSurrogate(value.charAt(value.length() - 1))) {
            value = value.substring(0, value.length() - 1);
        }
        for (String text : List.of("k: " + value + "\n", "k: '" + value + "'\n", "k: |\n  " + value + "\nn: 1\n")) {
            assertThat(events(new TextStreamReader(text), Integer.MAX_VALUE))
                    .isEqualTo(events(new StreamReader(new StringReader(text)), Integer.MAX_VALUE));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a: \u0001\n", "a: b\nc: \u0007d\n", "a: \uD800x\n", "x: \uFFFE\n"})
    void refusesTheCharactersSnakeYamlRefusesAndSaysWhere(String text) {
        assertThat(events(new StreamReader(new StringReader(text)), Integer.MAX_VALUE)).last().asString()
                .startsWith("error ReaderException");
        assertThatThrownBy(() -> new TextStreamReader(text))
                .isInstanceOfSatisfying(ReaderException.class, e -> {
                    // The position is the character's index, so that ParseMessages finds its line.
                    assertThat(text.codePointAt(e.getPosition())).isEqualTo(e.getCodePoint());
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 50, 100})
    void keepsTheCodePointLimit(int limit) {
        String text = "a: " + "x".repeat(60) + "\nb: " + "y".repeat(60) + "\n";
        assertThat(events(new TextStreamReader(text), limit))
                .isEqualTo(events(new StreamReader(new StringReader(text)), limit))
                .last().asString().startsWith("error");
    }
}
