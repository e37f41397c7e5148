package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;
import java.util.List;
import java.util.regex.Pattern;

@CheckInfo(
        id = "dockerfile-chmod-777",
        title = "World-writable permissions (chmod 777)",
        severity = Severity.MEDIUM,
        category = "Dockerfile",
        description = "A RUN runs chmod with mode 777 (also 0777, -R 777, a+rwx, ugo+rwx, o+rwx, a=rwx), or a "
                + "COPY/ADD sets --chmod=777 (ONBUILD triggers included).",
        rationale = "Files and directories writable by every user let any process in the container replace "
                + "binaries, scripts or configuration that a more privileged process later runs.",
        remediation = "Give ownership to the user that needs to write (chown app:app or COPY --chown=app:app) "
                + "and use the least mode that works, e.g. 755 for directories and 644 for files.",
        nsaCisa = "Pod security: building secure container images")
public final class DockerfileChmod777 implements Check {
    private static final Pattern OCTAL_777 = Pattern.compile("0*777");
    private static final Pattern SYMBOLIC_ALL = Pattern.compile("(^|,)(a|ugo|o)[+=]rwx(,|$)");

    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            for (DockerfileView.Step step : file.allSteps()) {
                boolean copyMode = (step.is("COPY") || step.is("ADD"))
                        && step.flags("chmod").stream().anyMatch(DockerfileChmod777::worldWritable);
                boolean runMode = step.is("RUN") && ShellScript.parse(step.shellText()).stream()
                        .anyMatch(DockerfileChmod777::chmodAll);
                if (copyMode || runMode) {
                    sink.report(step.path(), step.where() + " makes files writable by every user (777)");
                }
            }
        });
    }

    private static boolean chmodAll(ShellScript.Command command) {
        List<String> words = command.unwrapped();
        if (words.isEmpty() || !ShellScript.baseName(words.get(0)).equals("chmod")) {
            return false;
        }
        return words.subList(1, words.size()).stream().anyMatch(DockerfileChmod777::worldWritable);
    }

    static boolean worldWritable(String mode) {
        return OCTAL_777.matcher(mode).matches() || SYMBOLIC_ALL.matcher(mode).find();
    }
}
