package dev.kubeward.checks.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.ContainerCheck;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Container;

@CheckInfo(
        id = "secret-as-env",
        title = "Secret passed as environment variables",
        severity = Severity.LOW,
        category = "Secrets",
        description = "A container takes a Secret through env (valueFrom.secretKeyRef) or envFrom (secretRef) "
                + "instead of a mounted file.",
        rationale = "Environment variables are inherited by every child process, printed by crash handlers and "
                + "debug endpoints, visible in /proc/<pid>/environ, and never updated when the Secret is rotated; "
                + "a mounted Secret file is readable only by the process that opens it and is refreshed.",
        remediation = "Mount the Secret as a volume (secret or projected) and have the application read the file.",
        cis = "5.4.1",
        nsaCisa = "Network separation and hardening: encryption / secrets",
        mitre = "T1552.007")
public final class SecretAsEnv extends ContainerCheck {
    @Override
    protected void checkContainer(Container c, CheckContext context, FindingSink sink) {
        JsonNode env = c.node().path("env");
        for (int i = 0; i < env.size() && env.isArray(); i++) {
            JsonNode ref = env.path(i).path("valueFrom").get("secretKeyRef");
            if (ref != null && ref.isObject()) {
                sink.report(c.path().key("env").index(i).key("valueFrom").key("secretKeyRef"), c.describe() + " reads "
                        + env.path(i).path("name").asText("?") + " from Secret " + ref.path("name").asText("?")
                        + " as an environment variable");
            }
        }
        JsonNode envFrom = c.node().path("envFrom");
        for (int i = 0; i < envFrom.size() && envFrom.isArray(); i++) {
            JsonNode ref = envFrom.path(i).get("secretRef");
            if (ref != null && ref.isObject()) {
                sink.report(c.path().key("envFrom").index(i).key("secretRef"), c.describe()
                        + " imports every key of Secret " + ref.path("name").asText("?") + " as environment variables");
            }
        }
    }
}
