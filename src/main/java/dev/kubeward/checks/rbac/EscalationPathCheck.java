package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.rbac.EscalationPath;
import dev.kubeward.rbac.EscalationStep;
import dev.kubeward.rbac.Subject;
import dev.kubeward.rbac.Via;
import java.util.Optional;
import java.util.stream.Collectors;

@CheckInfo(
        id = "rbac-escalation-path",
        title = "Subject can escalate to cluster-admin",
        severity = Severity.HIGH,
        category = "RBAC",
        description = "A binding subject that is not already cluster-admin can reach cluster-admin-equivalent power "
                + "through a chain of documented escalations (creating workloads or changing existing ones to run as other "
                + "ServiceAccounts, exec or ephemeral containers in running pods, minting tokens through TokenRequest or "
                + "token Secrets, reading their tokens, impersonation, bind/escalate, nodes/proxy, CSR approval, webhooks, "
                + "hostPath volumes; see docs/rbac.md). High; medium when the path needs a speculative step, one that "
                + "depends on what the input does not show (a pod running as the ServiceAccount, an object to patch, a "
                + "later write a webhook would see), which the message marks; a certain path is always preferred. The stock bootstrap policy of a cluster is assumed present. The finding "
                + "is on the subject whose binding gives the first step, and the message gives the shortest path. "
                + "Stock bindings (and so the controllers' paths, which exist by design) are skipped.",
        rationale = "Individually reasonable permissions combine: a deployer that can create pods in a namespace "
                + "holding a powerful ServiceAccount holds that ServiceAccount's power.",
        remediation = "Break the first step of the path: remove the permission, or move the powerful ServiceAccount "
                + "out of the namespace the subject controls.",
        cis = {"5.1.4", "5.1.8"},
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1078", "T1098", "T1611"})
public final class EscalationPathCheck extends BindingSubjectCheck {
    @Override
    public void prepare(CheckContext context) {
        RbacScan.of(context.inventory()).escalations();
    }

    @Override
    protected void checkSubject(SubjectSite site, FindingSink sink) {
        Subject subject = site.effective();
        if (subject == null || site.scan().isClusterAdmin(subject)) {
            return;
        }
        Optional<EscalationPath> path = site.scan().escalations().pathFor(subject);
        if (path.isEmpty() || path.get().steps().isEmpty() || !firstStepUsesThisSubject(site, path.get().steps().get(0))) {
            return;
        }
        String steps = path.get().steps().stream().map(EscalationStep::toString).collect(Collectors.joining("; then "));
        if (path.get().speculative()) {
            // A path is as strong as its weakest step: it exists only if what that step assumes holds.
            sink.report(site.path(), Severity.MEDIUM, path.get().subject() + " can reach cluster-admin in "
                    + path.get().steps().size() + " step(s) if what its speculative steps assume holds: " + steps);
            return;
        }
        sink.report(site.path(), path.get().subject() + " can reach cluster-admin in " + path.get().steps().size()
                + " step(s): " + steps);
    }

    /** Reporting only where the first step is granted keeps one finding per cause, not per inheriting member. */
    private static boolean firstStepUsesThisSubject(SubjectSite site, EscalationStep first) {
        for (Via via : first.evidence()) {
            if (via.grant() != null && via.grant().binding().id().equals(site.binding().id())
                    && via.grant().subjectIndex() == site.index()) {
                return true;
            }
        }
        return false;
    }
}
