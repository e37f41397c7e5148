package dev.kubeward.source.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Dockerfile text into instructions, following the rules of BuildKit's parser:
 * directives only before anything else, whole-line comments dropped (also inside
 * continuations), blank continuation lines skipped, the escape character as line
 * continuation, and here-documents for RUN, COPY and ADD in shell form.
 */
final class DockerfileLexer {
    // Go's JSON decoder rejects text after the array, so must we: "[\"a\"] b" is shell form.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)([^<]*)$");
    private static final Set<String> KNOWN_DIRECTIVES = Set.of("escape", "syntax", "check");
    private static final Set<String> HEREDOC_KEYWORDS = Set.of("RUN", "COPY", "ADD");
    /** Instructions whose arguments the frontend reads as JSON when they parse as a string array. */
    private static final Set<String> MAYBE_JSON = Set.of("RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME");

    record Result(Directives directives, List<Instruction> instructions) {}

    private final String[] lines;
    private int next;
    private char escape = '\\';
    private String syntax;
    private String check;
    private boolean directivesDone;
    private final Set<String> seenDirectives = new java.util.HashSet<>();

    private DockerfileLexer(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.lines = t.split("\r?\n", -1);
    }

    static Result lex(String text) throws DockerfileSyntaxException {
        return new DockerfileLexer(text).run();
    }

    private Result run() throws DockerfileSyntaxException {
        List<Instruction> out = new ArrayList<>();
        while (next < lines.length) {
            int lineNo = next + 1;
            String raw = lines[next++];
            String trimmed = stripLeading(raw);
            directive(trimmed, lineNo);
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int column = raw.length() - trimmed.length() + 1;
            Continued first = trimContinuation(trimmed);
            StringBuilder joined = new StringBuilder(first.text);
            boolean ended = first.ended;
            while (!ended && next < lines.length) {
                String cont = lines[next++];
                String contTrimmed = stripLeading(cont);
                // Whole-line comments and blank lines inside a continuation are skipped entirely.
                if (contTrimmed.startsWith("#") || contTrimmed.isEmpty()) {
                    continue;
                }
                Continued c = trimContinuation(cont);
                joined.append(c.text);
                ended = c.ended;
            }
            out.add(instruction(joined.toString(), lineNo, column, next, true));
        }
        return new Result(new Directives(escape, syntax, check), out);
    }

    /** Directives are recognised until the first line that is not one: blank, comment or instruction. */
    private void directive(String trimmed, int lineNo) throws DockerfileSyntaxException {
        if (directivesDone) {
            return;
        }
        Matcher m = DIRECTIVE.matcher(trimmed);
        if (!m.matches()) {
            directivesDone = true;
            return;
        }
        String key = m.group(1).toLowerCase(Locale.ROOT);
        if (!KNOWN_DIRECTIVES.contains(key)) {
            directivesDone = true;
            return;
        }
        if (!seenDirectives.add(key)) {
            throw new DockerfileSyntaxException(lineNo, "only one " + key + " parser directive can be used");
        }
        String value = m.group(2);
        switch (key) {
            case "escape" -> {
                if (!value.equals("\\") && !value.equals("`")) {
                    throw new DockerfileSyntaxException(lineNo, "invalid escape token '" + value + "' does not match ` or \\");
                }
                escape = value.charAt(0);
            }
            case "syntax" -> syntax = value;
            default -> check = value;
        }
    }

    private record Continued(String text, boolean ended) {}

    /**
     * A line continues when its last non-blank character is the escape character and that is
     * not itself escaped (BuildKit's rule: the character before it must be something else).
     */
    private Continued trimContinuation(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || line.charAt(end - 1) != escape) {
            return new Continued(line, true);
        }
        if (end == 1) {
            return new Continued("", false);
        }
        if (line.charAt(end - 2) == escape) {
            return new Continued(line, true);
        }
        return new Continued(line.substring(0, end - 1), false);
    }

    private Instruction instruction(String line, int lineNo, int column, int endLine, boolean readHeredocs)
            throws DockerfileSyntaxException {
        String text = line.strip();
        int space = 0;
        while (space < text.length() && !Character.isWhitespace(text.charAt(space))) {
            space++;
        }
        String keyword = text.substring(0, space).toUpperCase(Locale.ROOT);
        String rest = text.substring(space).strip();
        List<Flag> flags = new ArrayList<>();
        String arguments = extractFlags(rest, flags);
        Instruction trigger = null;
        if (keyword.equals("ONBUILD") && !arguments.isEmpty()) {
            trigger = instruction(arguments, lineNo, column, endLine, false);
        }
        List<String> jsonArgs = MAYBE_JSON.contains(keyword) ? jsonArray(arguments) : null;
        List<Heredoc> heredocs = new ArrayList<>();
        int lastLine = endLine;
        boolean canHoldHeredoc = trigger != null
                ? HEREDOC_KEYWORDS.contains(trigger.keyword()) && !trigger.json()
                : HEREDOC_KEYWORDS.contains(keyword) && jsonArgs == null;
        if (readHeredocs && canHoldHeredoc) {
            for (String word : ShellWords.splitRaw(text, '\\')) {
                Matcher m = HEREDOC.matcher(word);
                if (!m.matches() || m.group(3).isEmpty()) {
                    continue;
                }
                String rawName = m.group(3);
                if (ShellWords.splitRaw(rawName, '\\').size() != 1) {
                    continue;
                }
                heredocs.add(readHeredoc(m, rawName, lineNo));
            }
            lastLine = next;
        }
        if (trigger != null && !heredocs.isEmpty()) {
            trigger = new Instruction(trigger.keyword(), trigger.flags(), trigger.arguments(), trigger.jsonArgs(),
                    heredocs, trigger.line(), trigger.column(), lastLine, null);
        }
        return new Instruction(keyword, flags, arguments, jsonArgs, heredocs, lineNo, column, lastLine, trigger);
    }

    private Heredoc readHeredoc(Matcher m, String rawName, int instructionLine) throws DockerfileSyntaxException {
        String name = ShellWords.unquote(rawName, '\\');
        boolean chomp = m.group(2).equals("-");
        Integer fd = m.group(1).isEmpty() ? null : Integer.valueOf(m.group(1));
        int bodyLine = next + 1;
        StringBuilder body = new StringBuilder();
        while (next < lines.length) {
            String line = lines[next++];
            String candidate = chomp ? stripLeadingTabs(line) : line;
            if (candidate.equals(name)) {
                return new Heredoc(name, body.toString(), !ShellWords.hasQuotes(rawName), chomp, fd, bodyLine);
            }
            body.append(candidate).append('\n');
        }
        throw new DockerfileSyntaxException(instructionLine, "unterminated heredoc " + name);
    }

    /**
     * Flags are the leading words that start with "--"; a lone "--" ends them. Quotes inside a
     * flag are removed, so {@code --mount="type=cache,target=/x"} reads as written without them.
     */
    private String extractFlags(String rest, List<Flag> flags) {
        int pos = 0;
        while (true) {
            while (pos < rest.length() && Character.isWhitespace(rest.charAt(pos))) {
                pos++;
            }
            if (!rest.startsWith("--", pos)) {
                return rest.substring(pos);
            }
            int end = pos;
            char quote = 0;
            while (end < rest.length() && (quote != 0 || !Character.isWhitespace(rest.charAt(end)))) {
                char c = rest.charAt(end);
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                }
                end++;
            }
            String word = ShellWords.unquote(rest.substring(pos, end), '\\');
            pos = end;
            if (word.equals("--")) {
                return rest.substring(pos).strip();
            }
            int eq = word.indexOf('=');
            flags.add(eq < 0 ? new Flag(word.substring(2), null) : new Flag(word.substring(2, eq), word.substring(eq + 1)));
        }
    }

    /** The exec form: a JSON array of strings. Anything else, even starting with '[', is shell form. */
    private static List<String> jsonArray(String arguments) {
        if (!arguments.startsWith("[")) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(arguments);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                return null;
            }
            out.add(n.textValue());
        }
        return out;
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static String stripLeadingTabs(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\t') {
            i++;
        }
        return s.substring(i);
    }
}
