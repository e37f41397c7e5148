package dev.kubeward.checks.rbac;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.rbac.EffectiveRule;
import dev.kubeward.rbac.RbacObject;
import dev.kubeward.rbac.Role;
import dev.kubeward.rbac.StockRbac;
import java.util.List;

@CheckInfo(
        id = "rbac-token-secret-mint",
        title = "RBAC role creates and reads Secrets: it mints ServiceAccount tokens",
        severity = Severity.HIGH,
        category = "RBAC",
        description = "A Role or ClusterRole allows create on secrets and get, list or watch on them (in one rule or "
                + "two). Whoever holds it can create a Secret of type kubernetes.io/service-account-token naming any "
                + "ServiceAccount of the namespace in its kubernetes.io/service-account.name annotation; the token "
                + "controller writes that ServiceAccount's token into it, and the holder reads it back. Medium when the "
                + "read is limited by resourceNames (the new Secret must take one of those names, so none may exist yet). "
                + "create cannot be limited by name. Reported on the rule granting create; for an aggregated ClusterRole "
                + "whose create and read come from different roles, on its aggregationRule. Stock roles of the API server "
                + "(admin and edit hold both by design) are skipped; rules listing resource '*' are left to "
                + "rbac-wildcard-resource; a ClusterRole no binding grants is judged as written.",
        rationale = "Long-lived token Secrets still work on current Kubernetes when created by hand; the token acts as "
                + "the ServiceAccount with all its permissions until the Secret is deleted, without any TokenRequest "
                + "permission and without expiry.",
        remediation = "Split the permissions: writers of Secrets rarely need to read them back through the API (mount "
                + "them instead), and readers rarely need to create them. Admission policy can refuse Secrets of type "
                + "kubernetes.io/service-account-token from anyone but the control plane.",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1528", "T1078"})
public final class TokenSecretMint implements Check {
    private static final Permission CREATE = Permission.of("", "secrets", "create");
    private static final Permission READ = Permission.of("", "secrets", "get", "list", "watch");

    @Override
    public void prepare(CheckContext context) {
        RbacScan.of(context.inventory());
    }

    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        if (!RbacScan.isRbacInput(resource)) {
            return;
        }
        RbacScan scan = RbacScan.of(context.inventory());
        for (RbacObject object : scan.objectsOf(resource)) {
            if (object instanceof Role role && !StockRbac.status(role).isExpected()) {
                checkRole(scan, role, sink);
            }
        }
    }

    private static void checkRole(RbacScan scan, Role role, FindingSink sink) {
        // Rules listing resource '*' are rbac-wildcard-resource's, as for the permission checks.
        List<EffectiveRule> rules = scan.model().effectiveRules(role.key()).stream()
                .filter(rule -> !rule.rule().resources().contains("*")).toList();
        EffectiveRule create = rules.stream().filter(rule -> !CREATE.grantedBy(rule.rule()).isEmpty()).findFirst().orElse(null);
        if (create == null) {
            return;
        }
        // An unrestricted read, else one limited to names.
        EffectiveRule read = rules.stream().filter(rule -> !READ.grantedBy(rule.rule()).isEmpty() && rule.rule().resourceNames().isEmpty())
                .findFirst().orElse(null);
        boolean named = read == null;
        if (named) {
            read = rules.stream().filter(rule -> !READ.grantedBy(rule.rule()).isEmpty()).findFirst().orElse(null);
        }
        if (read == null) {
            return;
        }
        Severity severity = named ? Severity.MEDIUM : Severity.HIGH;
        if (role.isAggregated()) {
            // One contributor holding both is reported on itself; here only what aggregation combines.
            if (!create.declaredIn().key().equals(read.declaredIn().key())) {
                sink.report(JsonPath.parse(RbacObject.join(role.basePath(), "aggregationRule")), severity,
                        role.key() + " aggregates create on secrets (" + label(create) + ") and " + verbsOf(read) + " on them ("
                                + label(read) + ")" + consequence(role, named, read));
            }
            return;
        }
        String readRule = create == read ? "" : read.rule().path() + " allows ";
        sink.report(JsonPath.parse(create.rule().path("verbs")), severity, role.key() + " " + create.rule().path()
                + " allows create on secrets and " + readRule + verbsOf(read) + consequence(role, named, read));
    }

    private static String consequence(Role role, boolean named, EffectiveRule read) {
        String where = role.key().namespace() == null ? "the namespaces it is granted in" : "namespace " + role.key().namespace();
        String text = ": the holder can create a kubernetes.io/service-account-token Secret for any ServiceAccount of " + where
                + " and read the token the token controller writes into it";
        return named ? text + " (only with a Secret named " + read.rule().resourceNames() + ", if no Secret of that name exists yet)" : text;
    }

    private static String verbsOf(EffectiveRule read) {
        return String.join("/", READ.grantedBy(read.rule()));
    }

    private static String label(EffectiveRule rule) {
        return rule.declaredIn().key() + " " + rule.rule().path();
    }
}
