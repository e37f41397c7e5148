package dev.kubeward.policy.offline;

import dev.kubeward.policy.cel.CelAuthorizer;
import dev.kubeward.rbac.Binding;
import dev.kubeward.rbac.BindingKind;
import dev.kubeward.rbac.Decision;
import dev.kubeward.rbac.Grant;
import dev.kubeward.rbac.Identity;
import dev.kubeward.rbac.RbacModel;
import dev.kubeward.rbac.Request;
import dev.kubeward.rbac.Subject;
import dev.kubeward.rbac.Via;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code authorizer} of admission policies answered by kubeward's RBAC engine, with the
 * reason strings of the RBAC authorizer (plugin/pkg/auth/authorizer/rbac/rbac.go): "RBAC:
 * allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z""; a denial has no reason, as
 * RBAC has no opinion then.
 */
public final class RbacAuthorizer implements CelAuthorizer {
    private final RbacModel model;

    public RbacAuthorizer(RbacModel model) {
        this.model = model;
    }

    @Override
    public Decision authorize(Attributes a) {
        Set<String> groups = new HashSet<>(a.user().groups());
        Identity identity = new Identity(a.user().name(), groups);
        Subject subject = Subject.user(a.user().name());
        Request request;
        if (a.resourceRequest()) {
            request = new Request(a.verb(), a.apiGroup(), a.resource(), a.subresource(), a.namespace(), a.name(), null);
        } else {
            request = Request.nonResource(a.verb(), a.path());
        }
        dev.kubeward.rbac.Decision d = model.can(subject, identity, request);
        if (!d.allowed()) {
            return new CelAuthorizer.Decision(false, "", null);
        }
        if (d.reasons().isEmpty()) {
            return new CelAuthorizer.Decision(true, "", null);
        }
        return new CelAuthorizer.Decision(true, "RBAC: allowed by " + describe(d.reasons().get(0)), null);
    }

    private static String describe(Via via) {
        Grant g = via.grant();
        if (g == null) {
            return via.toString();
        }
        Binding b = g.binding();
        Subject s = b.effectiveSubject(g.subjectIndex());
        String subject = s.kind() + " \"" + (s.isServiceAccount() ? s.name() + "/" + s.namespace() : s.name()) + "\"";
        if (b.kind() == BindingKind.CLUSTER_ROLE_BINDING) {
            return "ClusterRoleBinding \"" + b.name() + "\" of " + b.roleRef().kind() + " \"" + b.roleRef().name() + "\" to " + subject;
        }
        return "RoleBinding \"" + b.name() + "/" + b.namespace() + "\" of " + b.roleRef().kind() + " \"" + b.roleRef().name()
                + "\" to " + subject;
    }
}
