package dev.kubeward.checks.pss;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.check.PodCheck;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.pss.Level;
import dev.kubeward.pss.ModePolicy;
import dev.kubeward.pss.NamespacePolicy;
import dev.kubeward.pss.PolicyMode;
import dev.kubeward.pss.PssEvaluator;
import dev.kubeward.pss.Verdict;
import dev.kubeward.pss.Violation;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

@CheckInfo(
        id = "pss-admission-rejected",
        title = "Pod Security Admission would reject the pod",
        severity = Severity.HIGH,
        category = "Pod Security Admission",
        description = "The workload's namespace is in the input, and its pod-security.kubernetes.io labels (level "
                + "and version, with admission's fallbacks for invalid values) reject the pod template: enforce "
                + "gives a high finding (the pods will not be created), warn a low and audit an info finding. "
                + "Each violated control is one finding, in admission's wording.",
        rationale = "A workload that its namespace's policy rejects fails at deploy time, often only when its "
                + "ReplicaSet tries to create pods; finding it in CI saves an outage and shows exactly which "
                + "setting to change.",
        remediation = "Change the pod template as the message says, or (deliberately) the namespace's level.",
        cis = "5.2.1",
        nsaCisa = "Pod security: pod security enforcement",
        pss = "Pod Security Admission")
public final class PssAdmissionRejected extends PodCheck {
    private static final PssEvaluator EVALUATOR = PssEvaluator.standard();

    @Override
    protected void checkPod(PodTemplate pod, CheckContext context, FindingSink sink) {
        if (pod.isStatic()) {
            return; // the kubelet runs a static pod whatever admission says of its mirror pod
        }
        String ns = pod.owner().namespace();
        Optional<Resource> namespace = ns == null ? Optional.empty() : context.inventory().find("Namespace", null, ns);
        if (namespace.isEmpty() || !Namespaces.isNamespace(namespace.get())) {
            return;
        }
        NamespacePolicy policy = NamespacePolicy.fromNamespace(namespace.get().object());
        Set<String> reported = new HashSet<>();
        for (PolicyMode mode : new PolicyMode[] {PolicyMode.ENFORCE, PolicyMode.WARN, PolicyMode.AUDIT}) {
            ModePolicy m = policy.mode(mode);
            if (m.level() == Level.PRIVILEGED) {
                continue;
            }
            Verdict verdict = EVALUATOR.evaluate(m.level(), m.version(), pod);
            for (Violation v : verdict.violations()) {
                // The same control failing for enforce needs no second, weaker finding for warn.
                if (!reported.add(v.control() + "|" + v.reason())) {
                    continue;
                }
                JsonPath at = v.paths().isEmpty() ? pod.specPath() : JsonPath.parse(v.paths().get(0));
                Severity severity = switch (mode) {
                    case ENFORCE -> Severity.HIGH;
                    case WARN -> Severity.LOW;
                    case AUDIT -> Severity.INFO;
                };
                String effect = mode == PolicyMode.ENFORCE ? "rejects" : mode == PolicyMode.WARN ? "warns about" : "audits";
                sink.report(at, severity, "namespace " + ns + " (" + mode.levelLabel() + "=" + m.level().label() + ":"
                        + m.version() + ") " + effect + " this pod under the " + v.control() + " control: " + v.reason()
                        + " (" + v.detail() + ")");
            }
        }
    }
}
