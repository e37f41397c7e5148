package dev.kubeward.checks.dockerfile;

import java.util.List;
import java.util.Set;

/** Finding the apt-get/apt install commands of a RUN instruction. */
final class AptInstalls {
    private static final Set<String> APT = Set.of("apt-get", "apt");

    private AptInstalls() {}

    /** The unwrapped words of each apt-get/apt install command in the script. */
    static List<List<String>> in(String script) {
        return ShellScript.parse(script).stream()
                .map(ShellScript.Command::unwrapped)
                .filter(w -> !w.isEmpty() && APT.contains(ShellScript.baseName(w.get(0))) && w.contains("install"))
                .toList();
    }
}
