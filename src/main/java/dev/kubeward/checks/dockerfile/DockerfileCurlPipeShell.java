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
        id = "dockerfile-curl-pipe-shell",
        title = "Remote script piped into a shell",
        severity = Severity.HIGH,
        category = "Dockerfile",
        description = "A RUN (heredoc scripts and ONBUILD triggers included) pipes curl or wget output into a shell "
                + "(curl … | sh, wget -O- … | sudo bash) or runs it through command or process substitution "
                + "(sh -c \"$(curl …)\", bash <(curl …)).",
        rationale = "The script is executed as it arrives, unreviewed and unverified: whoever controls the URL, "
                + "the DNS or the network path runs code in the build, typically as root, and the image cannot "
                + "be rebuilt reproducibly.",
        remediation = "Download the script to a file, verify its checksum or signature, then run it; better, "
                + "install the software from a package with a pinned version.",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1525")
public final class DockerfileCurlPipeShell implements Check {
    private static final Pattern SUBSTITUTED = Pattern.compile("(\\$\\(|<\\(|`)\\s*(curl|wget)\\b");

    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            for (DockerfileView.Step step : file.allSteps()) {
                if (step.is("RUN") && pipesDownloadIntoShell(step.shellText())) {
                    sink.report(step.path(), step.where() + " runs a downloaded script without verifying it");
                }
            }
        });
    }

    static boolean pipesDownloadIntoShell(String script) {
        List<ShellScript.Command> commands = ShellScript.parse(script);
        for (int i = 0; i < commands.size(); i++) {
            ShellScript.Command c = commands.get(i);
            String program = c.realProgram();
            boolean download = "curl".equals(program) || "wget".equals(program);
            if (download && c.separator().startsWith("|") && !c.separator().equals("||") && i + 1 < commands.size()
                    && ShellScript.isShell(commands.get(i + 1).realProgram())) {
                return true;
            }
            if (ShellScript.isShell(program) && c.unwrapped().stream().anyMatch(w -> SUBSTITUTED.matcher(w).find())) {
                return true;
            }
        }
        return false;
    }
}
