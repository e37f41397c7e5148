package dev.kubeward.source.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * One instruction as the Dockerfile frontend sees it after joining continuation lines.
 *
 * @param keyword upper-cased ({@code run}, {@code Run} and {@code RUN} are one instruction)
 * @param flags builder flags written before the arguments, in order
 * @param arguments the rest of the line, continuations joined, comments inside them dropped
 * @param jsonArgs the exec-form arguments when {@code arguments} is a JSON array of strings, else null
 * @param heredocs here-documents that follow the instruction line
 * @param trigger for ONBUILD, the wrapped instruction; null otherwise
 */
public record Instruction(
        String keyword,
        List<Flag> flags,
        String arguments,
        List<String> jsonArgs,
        List<Heredoc> heredocs,
        int line,
        int column,
        int endLine,
        Instruction trigger) {

    public Instruction {
        flags = List.copyOf(flags);
        jsonArgs = jsonArgs == null ? null : List.copyOf(jsonArgs);
        heredocs = List.copyOf(heredocs);
    }

    public boolean json() {
        return jsonArgs != null;
    }

    /** The value of the last flag with this name (later flags win, as in BuildKit). */
    public Optional<String> flag(String name) {
        String found = null;
        boolean present = false;
        for (Flag f : flags) {
            if (f.name().equals(name)) {
                present = true;
                found = f.value();
            }
        }
        return present ? Optional.of(found == null ? "" : found) : Optional.empty();
    }
}
