package dev.kubeward.netpol;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A closed range of IP addresses of one family, as unsigned integers. IPv6 needs 128 bits, hence
 * BigInteger; the number of ranges is small (bounded by the ipBlocks in the policies).
 */
public record IpRange(Family family, BigInteger first, BigInteger last) implements Comparable<IpRange> {

    /** Address families; each is its own address space. */
    public enum Family {
        IPV4(32), IPV6(128);

        private final int bits;

        Family(int bits) {
            this.bits = bits;
        }

        public int bits() {
            return bits;
        }

        public BigInteger maxAddress() {
            return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        }

        public IpRange everything() {
            return new IpRange(this, BigInteger.ZERO, maxAddress());
        }
    }

    /** Parses "a.b.c.d/n" or an IPv6 CIDR; host bits are ignored as the API server does not reject them either. */
    public static IpRange parseCidr(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR '" + cidr + "': missing prefix length");
        }
        BigInteger address = parseAddressValue(cidr.substring(0, slash));
        Family family = familyOf(cidr.substring(0, slash));
        String prefixText = cidr.substring(slash + 1);
        // Go's ParseCIDR: decimal digits only (no sign, no spaces).
        if (!prefixText.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("invalid CIDR '" + cidr + "': bad prefix length");
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix < 0 || prefix > family.bits()) {
            throw new IllegalArgumentException("invalid CIDR '" + cidr + "': prefix out of range");
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(family.bits() - prefix).subtract(BigInteger.ONE);
        BigInteger network = address.andNot(hostMask);
        return new IpRange(family, network, network.or(hostMask));
    }

    /** A single address as a one-address range. */
    public static IpRange parseAddress(String address) {
        BigInteger value = parseAddressValue(address);
        return new IpRange(familyOf(address), value, value);
    }

    private static Family familyOf(String address) {
        return address.contains(":") ? Family.IPV6 : Family.IPV4;
    }

    private static BigInteger parseAddressValue(String text) {
        String address = text.trim();
        // Only literal addresses are accepted; anything with letters beyond hex/colons would
        // otherwise trigger a DNS lookup inside InetAddress. IPv4 is the dotted quad Go's
        // net.ParseIP reads (InetAddress would also take "10" or "10.1"); leading zeros are
        // tolerated as netutils.ParseIPSloppy does.
        if (!address.matches("[0-9a-fA-F:.]+")
                || (!address.contains(":") && !address.matches("(0*(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}0*(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])"))) {
            throw new IllegalArgumentException("invalid IP address '" + text + "'");
        }
        try {
            return new BigInteger(1, InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IP address '" + text + "'", e);
        }
    }

    public boolean contains(IpRange other) {
        return family == other.family && first.compareTo(other.first) <= 0 && last.compareTo(other.last) >= 0;
    }

    public boolean overlaps(IpRange other) {
        return family == other.family && first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    /** "first-last" in the family's usual notation, e.g. "0.0.0.0-9.255.255.255". */
    @Override
    public String toString() {
        return format(first) + "-" + format(last);
    }

    private String format(BigInteger value) {
        byte[] bytes = new byte[family.bits() / 8];
        byte[] raw = value.toByteArray();
        // toByteArray may carry a leading sign byte or be shorter than the address.
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        try {
            String text = InetAddress.getByAddress(bytes).getHostAddress();
            return family == Family.IPV6 ? compressIpv6(text) : text;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of wrong length", e);
        }
    }

    /** Java prints IPv6 uncompressed ("0:0:0:0:0:0:0:0"); shorten the longest zero run to "::". */
    private static String compressIpv6(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength && j - i > 1) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    @Override
    public int compareTo(IpRange other) {
        int byFamily = family.compareTo(other.family);
        return byFamily != 0 ? byFamily : first.compareTo(other.first);
    }
}
