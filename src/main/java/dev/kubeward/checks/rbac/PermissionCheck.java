package dev.kubeward.checks.rbac;

import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule check for sensitive permissions. Rules listing resource {@code *} are left to
 * rbac-wildcard-resource, which names them once, instead of every permission check repeating
 * the same rule; a wildcard verb on a named resource is still reported here.
 */
abstract class PermissionCheck extends RoleRuleCheck {

    /** The permissions this check looks for; any one granted is a finding. */
    protected abstract List<Permission> permissions();

    /** The permissions to look for in this rule's scan (the scan's pod-bearing kinds, for one). */
    protected List<Permission> permissions(RuleSite site) {
        return permissions();
    }

    /** How one granted permission reads in the message: {@code create/update deployments}. */
    protected String describe(Permission permission, List<String> verbs) {
        return String.join("/", verbs) + " " + permission.displayName();
    }

    /** The rule field the finding points at. */
    protected String field() {
        return "resources";
    }

    /** The severity of this finding, or null for the check's own. */
    protected Severity grade(RuleSite site, List<String> granted) {
        return null;
    }

    @Override
    protected final void checkRule(RuleSite site, FindingSink sink) {
        if (site.rule().resources().contains("*")) {
            return;
        }
        List<String> granted = new ArrayList<>();
        for (Permission permission : permissions(site)) {
            List<String> verbs = permission.grantedBy(site.rule(), site.namespacedOnly());
            if (!verbs.isEmpty()) {
                granted.add(describe(permission, verbs));
            }
        }
        if (granted.isEmpty()) {
            return;
        }
        String message = site.describe() + " allows " + String.join(", ", granted) + site.context();
        Severity severity = grade(site, granted);
        if (severity == null) {
            sink.report(site.path(field()), message);
        } else {
            sink.report(site.path(field()), severity, message);
        }
    }
}
