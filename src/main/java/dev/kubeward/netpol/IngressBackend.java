package dev.kubeward.netpol;

/**
 * A Service backend referenced by an Ingress (default backend or a path's backend), with the
 * Service port by number or by name. {@code path} locates it in the Ingress object.
 */
public record IngressBackend(String namespace, String ingressName, String path, String serviceName,
                             Integer servicePortNumber, String servicePortName) {
}
