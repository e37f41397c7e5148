package dev.kubeward.source.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Word splitting the way the Dockerfile frontend does it for heredoc markers and for
 * ENV/ARG/LABEL pairs: whitespace separates words except inside quotes or after the escape
 * character.
 */
final class ShellWords {
    private ShellWords() {}

    /** Splits on unquoted whitespace, keeping quotes and escapes in the words as written. */
    static List<String> splitRaw(String text, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            word.append(c);
            if (c == escape && quote != '\'' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Removes quotes and escapes from one word, as the shell lexer does (no expansion). */
    static String unquote(String word, char escape) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    out.append(c);
                }
            } else if (c == escape && i + 1 < word.length()) {
                out.append(word.charAt(++i));
            } else if (quote == '"' && c == '"') {
                quote = 0;
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean hasQuotes(String word) {
        return word.indexOf('\'') >= 0 || word.indexOf('"') >= 0;
    }
}
