package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Config;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.checks.version.VersionTargets;
import dev.kubeward.rbac.EffectiveRule;
import dev.kubeward.rbac.RbacModel;
import dev.kubeward.rbac.Rule;
import java.util.List;
import java.util.Set;

@CheckInfo(
        id = "rbac-authenticated-binding",
        title = "Binding grants to every authenticated caller",
        severity = Severity.HIGH,
        category = "RBAC",
        description = "A binding subject is Group system:authenticated (every user and ServiceAccount) or "
                + "system:serviceaccounts (every ServiceAccount of every namespace). High for a ClusterRoleBinding, "
                + "medium for a RoleBinding, low when the role only reads named objects (resourceNames) or "
                + "non-resource URLs, or when a RoleBinding grants nothing (only the rules a RoleBinding can grant, those "
                + "for namespaced resources, are judged); the message says when the grant is read-only. A role not in the input counts "
                + "as broad. A role whose only rules are on PodSecurityPolicies grants nothing on Kubernetes 1.25 and "
                + "later (the API was removed): low there, judged against kubernetesVersion (else the input's kube-apiserver images, else the newest release). "
                + "Reported on the binding subject; stock bindings of the API server (stock name with the kubernetes.io/bootstrapping: rbac-defaults label) are skipped (the stock discovery bindings name system:authenticated by "
                + "design).",
        rationale = "Every pod's token and every identity of the identity provider get the role; on managed "
                + "clusters 'authenticated' can include any account of the cloud provider.",
        remediation = "Bind the role to the groups or ServiceAccounts that need it.",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1078"})
public final class AuthenticatedBinding extends BindingSubjectCheck {
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    /** How much the bound role hands out; the grade moves the severity, not whether it is reported. */
    enum Breadth { BROAD, READ_ONLY, NARROW, NOTHING }

    /** PodSecurityPolicy (policy/v1beta1, earlier extensions/v1beta1) was removed in Kubernetes 1.25. */
    static final int PSP_REMOVED_MINOR = 25;

    @Override
    protected void checkSubject(SubjectSite site, FindingSink sink) {
        checkSubject(site, null, sink);
    }

    @Override
    protected void checkSubject(SubjectSite site, CheckContext context, FindingSink sink) {
        String who = site.isGroup("system:authenticated") ? "every authenticated user and ServiceAccount"
                : site.isGroup("system:serviceaccounts") ? "every ServiceAccount of every namespace" : null;
        if (who == null) {
            return;
        }
        // A role that is not in the input (a stock role, or one in files not scanned) cannot be judged: assume broad.
        RbacModel model = site.scan().model();
        // Inert only where every release the input is judged for lacks PodSecurityPolicy.
        List<VersionTargets.Target> targets = context == null ? List.of(VersionTargets.target(Config.DEFAULT))
                : VersionTargets.targets(context);
        VersionTargets.Target target = targets.get(0);
        boolean pspRemoved = targets.stream().allMatch(t -> t.version().atLeast(1, PSP_REMOVED_MINOR));
        // A RoleBinding grants only the rules that take effect in a namespace: judge those.
        Breadth breadth = !model.roles().containsKey(site.binding().roleKey()) ? Breadth.BROAD
                : breadth(model.effectiveRules(site.binding().roleKey()).stream().map(EffectiveRule::rule)
                        .filter(rule -> site.clusterWide() || !RbacScan.grantsNothingInNamespace(rule)).toList(), pspRemoved);
        // Reading every ConfigMap or pod spec of the cluster is exposure enough to keep the full grade.
        Severity severity = breadth == Breadth.NARROW || breadth == Breadth.NOTHING ? Severity.LOW
                : site.clusterWide() ? Severity.HIGH : Severity.MEDIUM;
        String what = switch (breadth) {
            case BROAD -> "";
            case READ_ONLY -> " (read-only)";
            case NARROW -> site.grantsNothing() ? SubjectSite.GRANTS_NOTHING : " (reads of named objects or non-resource URLs only)";
            case NOTHING -> " (only PodSecurityPolicy rules, which grant nothing on " + target.description()
                    + ": PodSecurityPolicy was removed in 1.25)";
        };
        sink.report(site.path(), severity, site.describe() + ": " + who + " gets it" + what);
    }

    static Breadth breadth(List<Rule> rules) {
        return breadth(rules, false);
    }

    /** @param pspRemoved whether rules on PodSecurityPolicies are inert (Kubernetes 1.25 and later) */
    static Breadth breadth(List<Rule> rules, boolean pspRemoved) {
        Breadth widest = Breadth.NARROW;
        boolean anyGrant = false;
        for (Rule rule : rules) {
            if (pspRemoved && onlyPodSecurityPolicies(rule)) {
                continue;
            }
            anyGrant = true;
            boolean readOnly = READ_VERBS.containsAll(rule.verbs())
                    || rule.resources().isEmpty() && Set.of("get", "head").containsAll(rule.verbs());
            boolean sensitive = rule.resources().stream().anyMatch(r -> r.equals("*") || r.startsWith("*/")
                    || r.equals("secrets")) && rule.apiGroups().stream().anyMatch(g -> g.isEmpty() || g.equals("*"))
                    || rule.resources().contains("*");
            if (!readOnly || sensitive) {
                return Breadth.BROAD;
            }
            boolean named = !rule.resourceNames().isEmpty() || rule.resources().isEmpty();
            if (!named) {
                widest = Breadth.READ_ONLY;
            }
        }
        return anyGrant || rules.isEmpty() ? widest : Breadth.NOTHING;
    }

    /**
     * A rule on podsecuritypolicies alone (groups policy or extensions, the two that served them):
     * any verb, "use" included, refers to an API that a 1.25+ API server does not serve.
     */
    static boolean onlyPodSecurityPolicies(Rule rule) {
        return !rule.resources().isEmpty() && rule.nonResourceURLs().isEmpty()
                && rule.resources().stream().allMatch(r -> r.equals("podsecuritypolicies"))
                && !rule.apiGroups().isEmpty()
                && rule.apiGroups().stream().allMatch(g -> g.equals("policy") || g.equals("extensions"));
    }
}
