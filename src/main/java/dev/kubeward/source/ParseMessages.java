package dev.kubeward.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * What a YAML or JSON syntax error says to a person: a plain sentence about the text, never the
 * parser's internal wording (SnakeYAML's "while scanning a simple key … could not find expected
 * ':'", token names such as {@code <block mapping start>}, Jackson's "code 125" and feature
 * names). The line comes with the error; this class only words it. An error it does not know is
 * still said plainly, with its column.
 */
public final class ParseMessages {
    private static final Pattern FOUND_CHARACTER = Pattern.compile("found character '(.*?)' that cannot start any token.*", Pattern.DOTALL);
    private static final Pattern UNKNOWN_ESCAPE = Pattern.compile("found unknown escape character (\\S+).*", Pattern.DOTALL);
    private static final Pattern JSON_CHARACTER = Pattern.compile("Unexpected character \\('(.+?)' \\(code \\d+\\)\\)(?: in numeric value)?: (.*)", Pattern.DOTALL);
    private static final Pattern JSON_TOKEN = Pattern.compile("Unrecognized token '(.*?)'.*", Pattern.DOTALL);
    private static final Pattern JSON_ESCAPE = Pattern.compile("Unrecognized character escape '(.)'.*", Pattern.DOTALL);
    private static final Pattern JSON_CLOSE = Pattern.compile("Unexpected close marker '(.)': expected '(.)'.*", Pattern.DOTALL);

    private ParseMessages() {}

    /** A SnakeYAML scanner or parser error, as {@code invalid YAML: …}. */
    public static String yaml(MarkedYAMLException e, int firstLine) {
        String context = e.getContext() == null ? "" : e.getContext();
        String problem = e.getProblem() == null ? "" : e.getProblem();
        Mark problemMark = e.getProblemMark();
        Mark contextMark = e.getContextMark();
        String started = contextMark == null ? "" : " (it starts at line " + (contextMark.getLine() + firstLine) + ")";
        String column = problemMark == null ? "" : " (column " + (problemMark.getColumn() + 1) + ")";
        return "invalid YAML: " + yamlSentence(context, problem, started, column);
    }

    private static String yamlSentence(String context, String problem, String started, String column) {
        Matcher found = FOUND_CHARACTER.matcher(problem);
        if (found.matches()) {
            String character = found.group(1);
            return character.startsWith("\t") || character.startsWith("\\t")
                    ? "a tab character where YAML expects indentation or a value; indent with spaces" + column
                    : "'" + (character.length() == 1 ? character : character.replaceAll("\\(.*\\)$", ""))
                            + "' cannot start an unquoted value; put the value in quotes" + column;
        }
        if (problem.startsWith("could not find expected ':'")) {
            return "a line of a mapping has no ':' after its key (or an unquoted value goes on over the next line)";
        }
        if (problem.startsWith("mapping values are not allowed here")) {
            return "a ':' where no key can start: quote a value that holds ': ', or indent the key under its parent"
                    + column;
        }
        if (problem.startsWith("sequence entries are not allowed here")) {
            return "a '- ' list item where the value of a key is expected: start the list on the next line, indented"
                    + column;
        }
        if (problem.startsWith("mapping keys are not allowed here")) {
            return "'?' (an explicit mapping key) cannot stand here" + column;
        }
        if (context.startsWith("while parsing a block mapping")) {
            return "this line is not indented like the other keys of its mapping" + started;
        }
        if (context.startsWith("while parsing a block collection")) {
            return "this line is not indented like the other items of its list" + started;
        }
        if (context.startsWith("while parsing a flow mapping")) {
            return "a { } mapping is not closed, or two of its entries have no ',' between them" + started;
        }
        if (context.startsWith("while parsing a flow sequence")) {
            return "a [ ] list is not closed, or two of its items have no ',' between them" + started;
        }
        if (context.startsWith("while parsing a block node") || context.startsWith("while parsing a flow node")) {
            return "a value is missing here" + column;
        }
        if (problem.startsWith("expected '<document start>'")) {
            return "more text after the document's top-level value (mis-indented, or a second document without a --- line)"
                    + column;
        }
        if (context.startsWith("while scanning a quoted scalar") || context.startsWith("while scanning a double-quoted")
                || context.startsWith("while scanning a single-quoted")) {
            Matcher escape = UNKNOWN_ESCAPE.matcher(problem);
            if (escape.matches()) {
                return "an unknown escape \\" + escape.group(1).charAt(0) + " in a double-quoted string; write \\\\ for a "
                        + "backslash, or use single quotes" + column;
            }
            if (problem.startsWith("expected escape sequence")) {
                return "a \\x, \\u or \\U escape in a double-quoted string without enough hexadecimal digits" + column;
            }
            if (problem.contains("document separator")) {
                return "a quoted string runs into a --- line: it is never closed" + started;
            }
            return "a quoted string is never closed" + started;
        }
        if (context.startsWith("while scanning an anchor") || context.startsWith("while scanning an alias")) {
            return "an anchor (&name) or alias (*name) needs a name of letters and digits; quote a value that starts "
                    + "with & or *" + column;
        }
        if (context.startsWith("while scanning a tag") || context.startsWith("while parsing a node")
                || problem.startsWith("expected URI") || problem.contains("tag handle")) {
            return "a malformed tag (a value starting with !); quote a value that starts with !" + column;
        }
        if (context.startsWith("while scanning a block scalar")) {
            return "the header of a | or > block is malformed (after | or > only -, + or a digit 1-9 may follow)"
                    + column;
        }
        if (context.contains("directive") || problem.contains("directive") || problem.contains("YAML document (version")) {
            return "a malformed directive (a line starting with %)";
        }
        if (context.startsWith("while scanning a simple key")) {
            return "a key is not followed by ':'" + column;
        }
        return "the text cannot be read as YAML here" + column;
    }

    /** Another refusal of the YAML library (a limit), as {@code invalid YAML: …} in plain words. */
    public static String yamlRejected(String message) {
        java.util.regex.Matcher limit = Pattern.compile(".*exceeds the limit: (\\d+) code points.*").matcher(message);
        if (limit.matches()) {
            return "invalid YAML: the document is longer than " + limit.group(1) + " characters";
        }
        return "invalid YAML: the text cannot be read as YAML";
    }

    /** A character the YAML reader refuses (a control character), on its line of {@code text}. */
    public static String yamlCharacter(ReaderException e) {
        return "invalid YAML: the text holds the control character U+" + String.format("%04X", e.getCodePoint())
                + ", which YAML does not allow";
    }

    /** The line of {@code text} (1-based, counted from {@code firstLine}) that holds character {@code index}. */
    public static int lineOf(String text, int index, int firstLine) {
        int line = firstLine;
        for (int i = 0; i < Math.min(index, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A Jackson syntax error, as {@code invalid JSON: …}. */
    public static String json(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String column = e.getLocation() == null || e.getLocation().getColumnNr() < 1 ? ""
                : " (column " + e.getLocation().getColumnNr() + ")";
        return "invalid JSON: " + jsonSentence(m) + column;
    }

    private static String jsonSentence(String m) {
        Matcher c = JSON_CHARACTER.matcher(m);
        if (c.matches()) {
            String ch = c.group(1);
            String rest = c.group(2);
            if (rest.startsWith("was expecting double-quote to start field name")) {
                return ch.equals("}") ? "a ',' before '}' (JSON has no trailing commas)"
                        : "a key that is not in double quotes";
            }
            if (rest.startsWith("was expecting comma to separate Object entries")) {
                return "two entries of an object have no ',' between them";
            }
            if (rest.startsWith("was expecting comma to separate Array entries")) {
                return "two items of an array have no ',' between them";
            }
            if (rest.startsWith("was expecting a colon")) {
                return "a key is not followed by ':'";
            }
            if (rest.startsWith("maybe a (non-standard) comment")) {
                return "a comment (JSON has none)";
            }
            if (rest.startsWith("expected a valid value")) {
                return ch.equals("]") ? "a ',' before ']' (JSON has no trailing commas)"
                        : "'" + ch + "' cannot start a value (text must be in double quotes)";
            }
            return "the character '" + ch + "' cannot stand here";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return m.contains("Array") ? "the text ends before a [ ] array is closed"
                    : m.contains("Object") ? "the text ends before a { } object is closed" : "the text ends in the middle of a value";
        }
        Matcher token = JSON_TOKEN.matcher(m);
        if (token.matches()) {
            return "'" + token.group(1) + "' is not a JSON value (text must be in double quotes)";
        }
        Matcher close = JSON_CLOSE.matcher(m);
        if (close.matches()) {
            return "a '" + close.group(1) + "' where '" + close.group(2) + "' should close";
        }
        Matcher escape = JSON_ESCAPE.matcher(m);
        if (escape.matches()) {
            return "an unknown escape \\" + escape.group(1) + " in a string";
        }
        if (m.startsWith("Illegal unquoted character")) {
            return "a line break or control character inside a string (write it as an escape such as \\n)";
        }
        if (m.startsWith("Leading zeroes") || m.startsWith("Invalid numeric value") || m.contains("numeric value")) {
            return "a malformed number";
        }
        return "the text cannot be read as JSON here";
    }
}
