package dev.kubeward.policy.cel;

/**
 * An IP prefix as Go's net/netip.Prefix: an address (host bits kept as written) and a length,
 * parsed by netip.ParsePrefix with its messages. The Kubernetes CEL CIDR type.
 */
public final class Cidr {
    private final IpAddress address;
    private final int bits;

    Cidr(IpAddress address, int bits) {
        this.address = address;
        this.bits = bits;
    }

    /** netip.ParsePrefix; throws {@link IllegalArgumentException} with Go's message. */
    public static Cidr parse(String s) {
        int i = s.lastIndexOf('/');
        if (i < 0) {
            throw error(s, "no '/'");
        }
        IpAddress ip;
        try {
            ip = IpAddress.parse(s.substring(0, i));
        } catch (IllegalArgumentException e) {
            throw error(s, e.getMessage());
        }
        if (ip.is6() && !ip.zone().isEmpty()) {
            throw error(s, "IPv6 zones cannot be present in a prefix");
        }
        String bitsStr = s.substring(i + 1);
        if (bitsStr.length() > 1 && (bitsStr.charAt(0) < '1' || bitsStr.charAt(0) > '9')) {
            throw error(s, "bad bits after slash: " + GoStrings.quote(bitsStr));
        }
        int bits;
        try {
            if (bitsStr.isEmpty() || !bitsStr.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new NumberFormatException();
            }
            bits = Integer.parseInt(bitsStr);
        } catch (NumberFormatException e) {
            throw error(s, "bad bits after slash: " + GoStrings.quote(bitsStr));
        }
        int max = ip.is6() ? 128 : 32;
        if (bits < 0 || bits > max) {
            throw error(s, "prefix length out of range");
        }
        return new Cidr(ip, bits);
    }

    private static IllegalArgumentException error(String in, String msg) {
        return new IllegalArgumentException("netip.ParsePrefix(" + GoStrings.quote(in) + "): " + msg);
    }

    public IpAddress address() {
        return address;
    }

    public int bits() {
        return bits;
    }

    public Cidr masked() {
        return new Cidr(address.masked(bits), bits);
    }

    /** netip.Prefix.Contains. */
    public boolean contains(IpAddress ip) {
        if (!ip.zone().isEmpty() || ip.bitLength() != address.bitLength()) {
            return false;
        }
        return ip.masked(bits).equals(address.masked(bits));
    }

    /** The containsCIDR rule of k8s.io/apiserver/pkg/cel/library/cidr.go. */
    public boolean containsCidr(Cidr other) {
        if (other.address.bitLength() != address.bitLength()) {
            return false;
        }
        boolean equalMasked = masked().equals(new Cidr(other.address.masked(bits), bits));
        return equalMasked && bits <= other.bits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && bits == c.bits && address.equals(c.address);
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + bits;
    }

    @Override
    public String toString() {
        return address + "/" + bits;
    }
}
