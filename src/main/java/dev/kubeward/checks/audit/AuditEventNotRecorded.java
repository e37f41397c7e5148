package dev.kubeward.checks.audit;

import dev.kubeward.audit.AuditPolicyReader;
import dev.kubeward.audit.AuditSimulation;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "audit-event-not-recorded",
        title = "Security-relevant request not audited",
        severity = Severity.HIGH,
        category = "Audit logging",
        description = "Simulating the policy rule by rule (first match wins) over a catalogue of security-relevant "
                + "requests (RBAC changes, exec, attach, port-forward, debug containers, pod, CronJob, Deployment, "
                + "scale and node changes, service-account token requests, secret reads), a request leaves no audit "
                + "record: level None, no matching rule, or every stage it has omitted (high). A request logged "
                + "below the level that shows what matters, such as a pod creation without its body, is medium. "
                + "One finding per request; 'kubeward audit-policy' prints the whole simulation.",
        rationale = "What the audit log does not hold cannot be investigated: an attacker's kubectl exec, a new "
                + "cluster-admin binding or a CronJob planted for persistence leave no trace, and detection rules "
                + "such as Falco's never fire.",
        remediation = "Narrow the rule that drops the request (restrict it by users, verbs or resources to the "
                + "noisy traffic it was meant for), and end the policy with a catch-all rule at Metadata.",
        cis = "3.2.2",
        nsaCisa = "Audit logging and threat detection",
        mitre = "T1562.008")
public final class AuditEventNotRecorded extends AuditPolicyCheck {
    @Override
    protected void checkPolicy(Resource resource, AuditPolicyReader.Result policy, FindingSink sink) {
        for (AuditSimulation.Outcome o : AuditSimulation.run(policy.policy())) {
            String what = o.event().title() + " (" + o.event().request().describe() + ")";
            int rule = o.decision().ruleIndex();
            if (o.status() == AuditSimulation.Status.DROPPED) {
                String how = o.decision().level().label().equals("None")
                        ? "is not logged: " + ruleName(rule) + (rule >= 0 ? " sets level None" : "")
                        : "is not logged: " + ruleName(rule) + " omits every stage it produces";
                sink.report(decidedAt(resource, rule), what + " " + how);
            } else if (o.status() == AuditSimulation.Status.TOO_LOW) {
                sink.report(decidedAt(resource, rule), Severity.MEDIUM, what + " is logged at "
                        + o.decision().level().label() + " by " + ruleName(rule) + "; " + o.event().needed().label()
                        + " is needed to see what was done");
            }
        }
    }
}
