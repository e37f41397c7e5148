package dev.kubeward.checks.namespace;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;

@CheckInfo(
        id = "namespace-limitrange-missing",
        title = "Namespace without a LimitRange",
        severity = Severity.LOW,
        category = "Namespaces",
        description = "A Namespace in the input has no LimitRange in the input that names it. kube-system, "
                + "kube-public and kube-node-lease are skipped.",
        rationale = "A LimitRange gives containers that declare no requests or limits sane defaults and caps what "
                + "one container may ask for; without one, a single pod without limits can exhaust a node, and a "
                + "ResourceQuota on cpu or memory rejects every pod that omits them.",
        remediation = "Add a LimitRange with default and defaultRequest for cpu and memory, and a max per container.",
        nsaCisa = "Network separation and hardening: resource policies",
        mitre = "T1496")
public final class NamespaceLimitRangeMissing extends NamespacePolicyCheck {
    @Override
    protected String policyKind() {
        return "LimitRange";
    }

    @Override
    protected String consequence() {
        return "containers without requests or limits get no defaults and no ceiling";
    }
}
