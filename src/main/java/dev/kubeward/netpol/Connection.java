package dev.kubeward.netpol;

/**
 * One allowed connectivity line: {@code src => dst : conns}. Endpoints are workload ids
 * ({@code ns/name[Kind]}), external ranges ({@code first-last[External]}) or
 * {@code {ingress-controller}}.
 */
public record Connection(String src, String dst, ConnectionSet conns) implements Comparable<Connection> {

    public static final String INGRESS_CONTROLLER = "{ingress-controller}";
    public static final String EXTERNAL_SUFFIX = "[External]";

    @Override
    public int compareTo(Connection other) {
        int bySource = src.compareTo(other.src);
        return bySource != 0 ? bySource : dst.compareTo(other.dst);
    }

    /** The text form netpol-analyzer prints: {@code src => dst : conns}. */
    @Override
    public String toString() {
        return src + " => " + dst + " : " + conns;
    }

    public static boolean isExternal(String endpoint) {
        return endpoint.endsWith(EXTERNAL_SUFFIX);
    }

    /** Namespace of a workload endpoint, or null for external ranges and the ingress controller. */
    public static String namespaceOf(String endpoint) {
        if (isExternal(endpoint) || endpoint.equals(INGRESS_CONTROLLER)) {
            return null;
        }
        int slash = endpoint.indexOf('/');
        return slash < 0 ? null : endpoint.substring(0, slash);
    }
}
