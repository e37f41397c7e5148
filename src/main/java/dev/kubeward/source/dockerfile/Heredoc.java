package dev.kubeward.source.dockerfile;

/**
 * A here-document attached to a RUN, COPY or ADD instruction.
 *
 * @param name the delimiter word, quotes removed
 * @param body the lines between the instruction and the delimiter, each ending in a newline;
 *     leading tabs already removed for {@code <<-}
 * @param expand false when the delimiter was quoted, so variables in the body stay literal
 * @param chomp true for {@code <<-}
 * @param fileDescriptor the descriptor written before {@code <<} ({@code 3<<EOF}), or null
 * @param line the 1-based line of the body's first line
 */
public record Heredoc(String name, String body, boolean expand, boolean chomp, Integer fileDescriptor, int line) {}
