package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "dockerfile-apt-no-cleanup",
        title = "apt lists left in the layer",
        severity = Severity.LOW,
        category = "Dockerfile",
        description = "A RUN runs apt-get (or apt) install but does not remove /var/lib/apt/lists in the same RUN "
                + "(rm -rf /var/lib/apt/lists/*), and does not keep those lists on a cache mount "
                + "(RUN --mount=type=cache,target=/var/lib/apt/lists).",
        rationale = "Package lists removed in a later RUN still sit in the earlier layer: the image is tens of MB "
                + "larger and carries stale repository metadata that scanners and attackers can read.",
        remediation = "End the same RUN with && rm -rf /var/lib/apt/lists/*, or use a BuildKit cache mount for "
                + "/var/lib/apt/lists and /var/cache/apt.",
        nsaCisa = "Pod security: building secure container images")
public final class DockerfileAptNoCleanup implements Check {
    private static final String LISTS = "/var/lib/apt/lists";

    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            for (DockerfileView.Step step : file.allSteps()) {
                if (!step.is("RUN") || AptInstalls.in(step.shellText()).isEmpty()) {
                    continue;
                }
                boolean cached = step.flags("mount").stream().anyMatch(m -> m.contains(LISTS));
                boolean removed = ShellScript.parse(step.shellText()).stream()
                        .map(ShellScript.Command::unwrapped)
                        .anyMatch(w -> !w.isEmpty() && ShellScript.baseName(w.get(0)).equals("rm")
                                && w.stream().anyMatch(a -> a.startsWith(LISTS)));
                if (!cached && !removed) {
                    sink.report(step.path(), step.where() + " installs packages but leaves " + LISTS + " in the layer");
                }
            }
        });
    }
}
