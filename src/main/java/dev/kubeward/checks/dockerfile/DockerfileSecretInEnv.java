package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;
import java.util.List;
import java.util.Locale;

@CheckInfo(
        id = "dockerfile-secret-in-env",
        title = "Credential in ENV or ARG",
        severity = Severity.HIGH,
        category = "Dockerfile",
        description = "An ENV or ARG (global ARGs and ONBUILD triggers included) whose name looks like a "
                + "credential (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIALS …) is given a "
                + "literal, non-empty value. Names ending in _FILE, _PATH, _DIR or _NAME (pointers to a secret) "
                + "and values built from variables are not reported. Findings name the variable, never the value.",
        rationale = "ENV values are stored in the image configuration and ARG values in its build history; "
                + "anyone who can pull the image can read them with docker inspect or docker history.",
        remediation = "Pass secrets at build time with RUN --mount=type=secret and at run time from a Kubernetes "
                + "Secret (env valueFrom.secretKeyRef or a mounted file), never as a literal in the Dockerfile. "
                + "Rotate any credential that was committed.",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1552.001")
public final class DockerfileSecretInEnv implements Check {
    private static final List<String> SECRET_WORDS = List.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN",
            "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "SECRET_KEY", "AUTH_KEY", "CREDENTIAL");
    private static final List<String> POINTER_SUFFIXES = List.of("_FILE", "_PATH", "_DIR", "_NAME");

    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            for (DockerfileView.Step step : file.allSteps()) {
                if (!step.is("ENV") && !step.is("ARG")) {
                    continue;
                }
                for (String[] pair : step.pairs()) {
                    if (looksLikeSecret(pair[0]) && isLiteral(pair[1])) {
                        sink.report(step.path(), step.where() + " sets " + pair[0]
                                + " to a literal value that ends up in the image");
                    }
                }
            }
        });
    }

    static boolean looksLikeSecret(String name) {
        String n = name.toUpperCase(Locale.ROOT).replace('-', '_');
        return SECRET_WORDS.stream().anyMatch(n::contains) && POINTER_SUFFIXES.stream().noneMatch(n::endsWith);
    }

    private static boolean isLiteral(String value) {
        return value != null && !value.isBlank() && !value.contains("$");
    }
}
