package dev.kubeward.controlplane;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a component's command line as the binary does (spf13/pflag for the Kubernetes binaries,
 * Go's flag package for etcd): {@code --name=value}, {@code --name value} for flags that take a
 * value, bare booleans. What the binary would refuse or read surprisingly is reported as a
 * problem rather than guessed at.
 */
public final class FlagParser {
    public record Result(List<FlagOccurrence> flags, List<FlagProblem> problems) {}

    private FlagParser() {}

    public static Result parse(Component component, List<FlagToken> tokens) {
        List<FlagOccurrence> flags = new ArrayList<>();
        List<FlagProblem> problems = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            FlagToken t = tokens.get(i);
            String text = t.text();
            if (text.equals("--")) {
                // Everything after "--" is positional; none of these binaries takes positional arguments.
                for (int j = i + 1; j < tokens.size(); j++) {
                    problems.add(new FlagProblem(tokens.get(j).path(), "unexpected argument '" + tokens.get(j).text()
                            + "': " + component.binary() + " takes no arguments after '--'"));
                }
                break;
            }
            String body = flagBody(component, text);
            if (body == null) {
                problems.add(new FlagProblem(t.path(), positionalMessage(component, text, i > 0 ? tokens.get(i - 1) : null)));
                continue;
            }
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            if (eq >= 0) {
                flags.add(new FlagOccurrence(name, body.substring(eq + 1), t.path()));
            } else if (component.kindOf(name) == FlagKind.BOOLEAN) {
                flags.add(new FlagOccurrence(name, null, t.path()));
            } else if (i + 1 < tokens.size() && flagBody(component, tokens.get(i + 1).text()) == null
                    && !tokens.get(i + 1).text().equals("--")) {
                flags.add(new FlagOccurrence(name, tokens.get(i + 1).text(), t.path()));
                i++;
            } else {
                problems.add(new FlagProblem(t.path(), "flag --" + name + " needs a value; "
                        + component.binary() + " would refuse to start"));
            }
        }
        return new Result(flags, problems);
    }

    /** The flag's "name[=value]" when the token is a flag, else null. */
    private static String flagBody(Component component, String text) {
        if (text.startsWith("--") && text.length() > 2) {
            return text.substring(2);
        }
        if (text.startsWith("-") && text.length() > 1 && !text.startsWith("--")) {
            // pflag's single dash means one-letter shorthands (-v=2); Go's flag package takes long names too.
            return text.substring(1);
        }
        return null;
    }

    private static String positionalMessage(Component component, String text, FlagToken previous) {
        if (previous != null && Setting.parseBool(text).isPresent()) {
            String prev = flagBody(component, previous.text());
            if (prev != null && !prev.contains("=") && component.kindOf(prev) == FlagKind.BOOLEAN) {
                return "'" + previous.text() + " " + text + "' does not set --" + prev + " to " + text
                        + ": a boolean flag takes its value only as --" + prev + "=" + text
                        + ", so it is true and '" + text + "' is a stray argument " + component.binary() + " refuses";
            }
        }
        return "unexpected argument '" + text + "': " + component.binary() + " takes flags only";
    }
}
