package dev.kubeward.netpol;

/**
 * A Service port. The target is either a number or a container-port name resolved per backing
 * pod; when targetPort is absent Kubernetes uses {@code port}, stored here as the number.
 */
public record ServicePort(String name, int port, Integer targetPortNumber, String targetPortName, Protocol protocol) {
    public ServicePort {
        if (protocol == null) {
            protocol = Protocol.TCP;
        }
        if (targetPortNumber == null && targetPortName == null) {
            targetPortNumber = port;
        }
    }
}
