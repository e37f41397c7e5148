package dev.kubeward.checks.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.ContainerCheck;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Container;

@CheckInfo(
        id = "secret-literal-env",
        title = "Credential as a literal environment variable",
        severity = Severity.HIGH,
        category = "Secrets",
        description = "A container's env entry has a literal value that is a credential: a value of a recognised "
                + "credential format (private key, cloud key, GitHub/GitLab/Slack/Stripe token, JWT, URL with a "
                + "password), any literal for a variable named like a password, or a random-looking value for one "
                + "named like a token, key or secret. Names ending in _FILE, _PATH, _URL, _TTL and the like are "
                + "settings, not credentials. The finding names the variable, never the value.",
        rationale = "A literal env value lives in the workload manifest: in Git, in the object readable by anyone "
                + "who can get the Deployment, in kubectl describe output and in the audit log.",
        remediation = "Store the value in a Secret (fed from an external store) and mount it as a file, or at least "
                + "reference it with valueFrom.secretKeyRef; rotate the credential.",
        cis = "5.4.1",
        nsaCisa = "Network separation and hardening: encryption / secrets",
        mitre = {"T1552", "T1552.001"})
public final class SecretLiteralEnv extends ContainerCheck {
    @Override
    protected void checkContainer(Container c, CheckContext context, FindingSink sink) {
        JsonNode env = c.node().path("env");
        for (int i = 0; i < env.size() && env.isArray(); i++) {
            JsonNode var = env.path(i);
            String name = var.path("name").asText("");
            JsonNode value = var.get("value");
            if (value == null || !value.isTextual()) {
                continue;
            }
            int index = i;
            CredentialScan.scan(name, value.textValue()).ifPresent(what -> sink.report(
                    c.path().key("env").index(index).key("value"),
                    c.describe() + " sets " + name + " to " + what + " in the manifest"));
        }
    }
}
