package dev.kubeward.netpol;

/**
 * How pods with {@code hostNetwork: true} are analysed.
 *
 * <p>The Kubernetes NetworkPolicy concepts page ("NetworkPolicy and hostNetwork pods"): in the
 * most common implementation the network plugin cannot tell hostNetwork pod traffic from other
 * traffic of the node, so it ignores those pods when matching {@code podSelector} and
 * {@code namespaceSelector}, and their traffic is treated as traffic to and from the node IP;
 * an {@code ipBlock} may match them.
 */
public enum HostNetworkMode {
    /**
     * As netpol-analyzer does: it does not read {@code hostNetwork}, so such pods are selected by
     * policies and matched by selectors like any pod. The default of {@code kubeward netpol}, whose
     * lists agree with netpol-analyzer's.
     */
    POD,
    /**
     * As the API behaves on most network plugins: no policy selects or isolates the pods, pod and
     * namespace selectors never match them, and as a peer they are the node's address, which only
     * an ipBlock covering the whole address family (no except) is known to contain. The mode of the
     * checks of {@code kubeward scan}.
     */
    NODE
}
