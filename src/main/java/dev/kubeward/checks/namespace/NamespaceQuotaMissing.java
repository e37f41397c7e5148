package dev.kubeward.checks.namespace;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;

@CheckInfo(
        id = "namespace-quota-missing",
        title = "Namespace without a ResourceQuota",
        severity = Severity.LOW,
        category = "Namespaces",
        description = "A Namespace in the input has no ResourceQuota in the input that names it. kube-system, "
                + "kube-public and kube-node-lease are skipped.",
        rationale = "Without a quota, one namespace's workloads (or an attacker who can create pods there) can "
                + "claim all the cluster's CPU, memory, pods and storage, starving every other tenant.",
        remediation = "Add a ResourceQuota to the namespace limiting requests, limits, pods and persistent volume "
                + "claims to what its workloads need.",
        nsaCisa = "Network separation and hardening: resource policies",
        mitre = "T1496")
public final class NamespaceQuotaMissing extends NamespacePolicyCheck {
    @Override
    protected String policyKind() {
        return "ResourceQuota";
    }

    @Override
    protected String consequence() {
        return "its workloads can take the whole cluster's capacity";
    }
}
