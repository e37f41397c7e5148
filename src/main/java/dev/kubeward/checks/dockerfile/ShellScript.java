package dev.kubeward.checks.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Just enough of POSIX shell to find the simple commands of a RUN line: quotes, escapes,
 * comments, command substitutions kept inside their word, and the operators that separate
 * commands ({@code ; && || | & newline ( )}). Good for "which programs run with which words";
 * not an interpreter.
 */
final class ShellScript {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "ash", "mksh");
    /** Programs that run the command after them. */
    private static final Set<String> WRAPPERS = Set.of("sudo", "env", "exec", "nohup", "time", "command", "doas");

    private ShellScript() {}

    /**
     * One simple command.
     *
     * @param separator the operator after it ("|", "&&", ";", "\n" …), or "" at the end
     */
    record Command(List<String> words, String separator) {
        /** The program run, skipping leading variable assignments; null when there is none. */
        String program() {
            for (String w : words) {
                if (!isAssignment(w)) {
                    return w;
                }
            }
            return null;
        }

        /** The words of the command that really runs, past {@code sudo}, {@code env} and similar. */
        List<String> unwrapped() {
            int i = 0;
            while (i < words.size()) {
                String w = words.get(i);
                if (isAssignment(w)) {
                    i++;
                } else if (WRAPPERS.contains(baseName(w))) {
                    i++;
                    while (i < words.size() && words.get(i).startsWith("-")) {
                        // sudo -u user / -g group take a value
                        boolean takesValue = words.get(i).equals("-u") || words.get(i).equals("-g");
                        i += takesValue ? 2 : 1;
                    }
                } else {
                    break;
                }
            }
            return i >= words.size() ? List.of() : words.subList(i, words.size());
        }

        /** The unwrapped program's base name ({@code /usr/bin/curl} reads as {@code curl}). */
        String realProgram() {
            List<String> u = unwrapped();
            return u.isEmpty() ? null : baseName(u.get(0));
        }
    }

    static boolean isShell(String program) {
        return program != null && SHELLS.contains(baseName(program));
    }

    /** The program name without directory or Windows ".exe": /usr/bin/curl and curl.exe read as curl. */
    static String baseName(String word) {
        int slash = Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\'));
        String name = slash < 0 ? word : word.substring(slash + 1);
        return name.regionMatches(true, Math.max(0, name.length() - 4), ".exe", 0, 4) && name.length() > 4
                ? name.substring(0, name.length() - 4) : name;
    }

    private static boolean isAssignment(String word) {
        int eq = word.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        for (int i = 0; i < eq; i++) {
            char c = word.charAt(i);
            if (!(c == '_' || Character.isLetterOrDigit(c)) || (i == 0 && Character.isDigit(c))) {
                return false;
            }
        }
        return true;
    }

    /** The words of a line with quotes removed, ignoring operators (for COPY/ADD sources). */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (Command c : parse(text)) {
            out.addAll(c.words());
        }
        return out;
    }

    static List<Command> parse(String text) {
        List<Command> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                if (text.charAt(i + 1) != '\n') {
                    word.append(text.charAt(i + 1));
                    inWord = true;
                }
                i++;
            } else if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                int end = close < 0 ? n : close;
                word.append(text, i + 1, end);
                inWord = true;
                i = end;
            } else if (c == '"') {
                i = readDoubleQuoted(text, i + 1, word);
                inWord = true;
            } else if ((c == '$' || c == '<' || c == '>') && i + 1 < n && text.charAt(i + 1) == '(') {
                int end = balanced(text, i + 1);
                word.append(text, i, end);
                inWord = true;
                i = end - 1;
            } else if (c == '`') {
                int close = text.indexOf('`', i + 1);
                int end = close < 0 ? n : close + 1;
                word.append(text, i, end);
                inWord = true;
                i = end - 1;
            } else if (c == '#' && !inWord) {
                int nl = text.indexOf('\n', i);
                i = (nl < 0 ? n : nl) - 1;
            } else if (c == '&' && ((i > 0 && (text.charAt(i - 1) == '>' || text.charAt(i - 1) == '<'))
                    || (i + 1 < n && text.charAt(i + 1) == '>'))) {
                // part of a redirection such as 2>&1 or &>file
                word.append(c);
                inWord = true;
            } else if (c == ';' || c == '&' || c == '|' || c == '\n' || c == '(' || c == ')') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                String op = String.valueOf(c);
                if ((c == '&' || c == '|') && i + 1 < n && (text.charAt(i + 1) == c || (c == '|' && text.charAt(i + 1) == '&'))) {
                    op = op + text.charAt(i + 1);
                    i++;
                }
                if (!words.isEmpty()) {
                    commands.add(new Command(List.copyOf(words), op));
                    words.clear();
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (!words.isEmpty()) {
            commands.add(new Command(List.copyOf(words), ""));
        }
        return commands;
    }

    private static int readDoubleQuoted(String text, int from, StringBuilder word) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '"') {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "\"\\$`\n".indexOf(text.charAt(i + 1)) >= 0) {
                word.append(text.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        return i;
    }

    /** The index just past the parenthesis that closes the one at {@code open}. */
    private static int balanced(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return text.length();
    }
}
