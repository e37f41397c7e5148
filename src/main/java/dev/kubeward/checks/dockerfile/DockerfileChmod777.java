package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

@CheckInfo(
        id = "dockerfile-chmod-777",
        title = "World-writable permissions (chmod 777)",
        severity = Severity.MEDIUM,
        category = "Dockerfile",
        description = "A RUN runs chmod with a mode that lets every user write: octal with the others-write bit "
                + "(777, 0777, 666, 2777, -R 777) or symbolic adding w for others (a+w, o+w, a+rwx, ugo+rwx, o=rwx, "
                + "u+x,o+w), or a COPY/ADD sets such a --chmod (ONBUILD triggers included). A mode that also sets "
                + "the sticky bit (1777, a+rwxt: what /tmp has) is not reported, nor is +w without u/g/o/a, which "
                + "respects the umask.",
        rationale = "Files and directories writable by every user let any process in the container replace "
                + "binaries, scripts or configuration that a more privileged process later runs.",
        remediation = "Give ownership to the user that needs to write (chown app:app or COPY --chown=app:app) "
                + "and use the least mode that works, e.g. 755 for directories and 644 for files.",
        nsaCisa = "Pod security: building secure container images")
public final class DockerfileChmod777 implements Check {
    private static final Pattern OCTAL = Pattern.compile("[0-7]+");
    /** Short options of GNU and BSD chmod; a word such as -w is a mode, not an option. */
    private static final Pattern SHORT_OPTIONS = Pattern.compile("-[cfvRHLP]+");
    private static final Pattern CLAUSE = Pattern.compile("([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)");
    private static final Pattern ACTION = Pattern.compile("([-+=])([rwxXst]*|[ugo])");
    private static final int OTHERS_WRITE = 0002;
    private static final int STICKY = 01000;

    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            for (DockerfileView.Step step : file.allSteps()) {
                Optional<String> mode = Optional.empty();
                if (step.is("COPY") || step.is("ADD")) {
                    mode = step.flags("chmod").stream().filter(DockerfileChmod777::worldWritable)
                            .findFirst().map(m -> "--chmod=" + m);
                } else if (step.is("RUN")) {
                    mode = worldWritableChmod(step.shellText()).map(m -> "chmod " + m);
                }
                mode.ifPresent(m -> sink.report(step.path(), step.where() + " makes files writable by every user ("
                        + m + ")"));
            }
        });
    }

    /** The mode of the first chmod in a shell script that makes files world-writable. */
    static Optional<String> worldWritableChmod(String script) {
        for (ShellScript.Command command : ShellScript.parse(script)) {
            List<String> words = command.unwrapped();
            if (words.isEmpty() || !ShellScript.baseName(words.get(0)).equals("chmod")) {
                continue;
            }
            Optional<String> mode = modeOf(words.subList(1, words.size()));
            if (mode.isPresent() && worldWritable(mode.get())) {
                return mode;
            }
        }
        return Optional.empty();
    }

    /** The mode argument of chmod: the first word after the options; none with --reference. */
    private static Optional<String> modeOf(List<String> arguments) {
        boolean options = true;
        for (String word : arguments) {
            if (options && word.equals("--")) {
                options = false;
            } else if (options && word.startsWith("--reference")) {
                return Optional.empty();
            } else if (options && (word.startsWith("--") || SHORT_OPTIONS.matcher(word).matches())) {
                continue;
            } else {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a mode leaves others able to write, without the sticky bit. Octal: the others-write
     * bit (0002). Symbolic: the clauses applied in order, following only what they say about
     * others' write and the sticky bit; a clause without u/g/o/a is masked by the umask for w
     * (022 as usual), and copying another class's bits (o=u) is not followed.
     */
    static boolean worldWritable(String mode) {
        if (OCTAL.matcher(mode).matches()) {
            String digits = mode.replaceFirst("^0+(?=.)", "");
            if (digits.length() > 4) {
                return false;
            }
            int bits = Integer.parseInt(digits, 8);
            return (bits & OTHERS_WRITE) != 0 && (bits & STICKY) == 0;
        }
        boolean othersWrite = false;
        boolean sticky = false;
        for (String clause : mode.split(",", -1)) {
            var m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                return false;
            }
            String who = m.group(1);
            boolean others = who.contains("o") || who.contains("a");
            var action = ACTION.matcher(m.group(2));
            while (action.find()) {
                char op = action.group(1).charAt(0);
                String perms = action.group(2);
                boolean copy = perms.length() == 1 && "ugo".contains(perms);
                if (others && !copy && (perms.contains("w") || op == '=')) {
                    othersWrite = op == '-' ? false : perms.contains("w");
                }
                if (!copy && (others || who.isEmpty()) && (perms.contains("t") || op == '=')) {
                    sticky = op == '-' ? sticky && !perms.contains("t") : perms.contains("t");
                }
            }
        }
        return othersWrite && !sticky;
    }
}
