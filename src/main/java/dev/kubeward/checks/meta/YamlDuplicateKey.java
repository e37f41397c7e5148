package dev.kubeward.checks.meta;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.check.Check;
import dev.kubeward.model.DuplicateKey;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "yaml-duplicate-key",
        title = "Duplicate key",
        severity = Severity.MEDIUM,
        category = "Input",
        description = "A mapping in the manifest writes the same key twice. kubectl keeps the last value and "
                + "drops the earlier one without a word; kubeward reads the object the same way and reports this.",
        rationale = "A duplicate key is how a reviewed setting is silently overridden: privileged: false above, "
                + "privileged: true further down, and the second one is what the cluster runs.",
        remediation = "Remove one of the two keys so that the file says what is applied.")
public final class YamlDuplicateKey implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        for (DuplicateKey d : r.duplicates()) {
            sink.report(d.path(), "key " + d.path() + " is written twice (lines " + d.overridden().line()
                    + " and " + d.winner().line() + "); kubectl applies the last one");
        }
    }
}
