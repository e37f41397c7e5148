package dev.kubeward.netpol;

import dev.kubeward.model.LabelSelector;

/**
 * One entry of a rule's {@code from}/{@code to}. A null selector means the field was absent:
 * without namespaceSelector the peer is confined to the policy's own namespace, without
 * podSelector it covers all pods of the selected namespaces. An ipBlock peer selects only
 * cluster-external addresses here (pod IPs are not known to a manifest analysis).
 */
public record PolicyPeer(String path, LabelSelector namespaceSelector, LabelSelector podSelector, IpBlock ipBlock) {

    public boolean isIpBlock() {
        return ipBlock != null;
    }

    /** Whether this peer selects pods with {@code podLabels} in a namespace with {@code namespaceLabels}. */
    public boolean selectsPod(String policyNamespace, String podNamespace, java.util.Map<String, String> namespaceLabels,
                              java.util.Map<String, String> podLabels) {
        if (ipBlock != null || (namespaceSelector == null && podSelector == null)) {
            return false;
        }
        boolean namespaceMatches = namespaceSelector == null
                ? policyNamespace.equals(podNamespace)
                : namespaceSelector.matches(namespaceLabels);
        return namespaceMatches && (podSelector == null || podSelector.matches(podLabels));
    }

    @Override
    public String toString() {
        if (ipBlock != null) {
            return "ipBlock " + ipBlock.cidr() + (ipBlock.except().isEmpty() ? "" : " except " + ipBlock.except());
        }
        String ns = namespaceSelector == null ? "own namespace" : "namespaces " + namespaceSelector;
        String pods = podSelector == null ? "all pods" : "pods " + podSelector;
        return pods + " in " + ns;
    }
}
