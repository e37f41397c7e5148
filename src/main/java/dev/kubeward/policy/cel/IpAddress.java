package dev.kubeward.policy.cel;

import java.util.Arrays;

/**
 * An IP address as Go's net/netip.Addr: parsed by the same rules (no leading zeros in IPv4
 * octets, at most four hex digits per IPv6 group, zones after {@code %}), with the same error
 * messages, and printed in the canonical form (RFC 5952 for IPv6). The Kubernetes CEL IP type.
 */
public final class IpAddress {
    private final byte[] bytes; // 4 or 16
    private final String zone;

    IpAddress(byte[] bytes, String zone) {
        this.bytes = bytes;
        this.zone = zone;
    }

    /** netip.ParseAddr; throws {@link IllegalArgumentException} with Go's message. */
    public static IpAddress parse(String s) {
        for (int i = 0; i < s.length(); i++) {
            switch (s.charAt(i)) {
                case '.':
                    return parseV4(s);
                case ':':
                    return parseV6(s);
                case '%':
                    throw error(s, "missing IPv6 address", null);
                default:
                    break;
            }
        }
        throw error(s, "unable to parse IP", null);
    }

    private static IllegalArgumentException error(String in, String msg, String at) {
        String text = "ParseAddr(" + GoStrings.quote(in) + "): " + msg;
        if (at != null && !at.isEmpty()) {
            text += " (at " + GoStrings.quote(at) + ")";
        }
        return new IllegalArgumentException(text);
    }

    private static IpAddress parseV4(String s) {
        byte[] fields = new byte[4];
        parseV4Fields(s, 0, s.length(), fields, 0);
        return new IpAddress(fields, "");
    }

    private static void parseV4Fields(String in, int off, int end, byte[] fields, int at) {
        int val = 0;
        int pos = 0;
        int digLen = 0;
        String s = in.substring(off, end);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digLen == 1 && val == 0) {
                    throw error(in, "IPv4 field has octet with leading zero", null);
                }
                val = val * 10 + (c - '0');
                digLen++;
                if (val > 255) {
                    throw error(in, "IPv4 field has value >255", null);
                }
            } else if (c == '.') {
                if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.') {
                    throw error(in, "IPv4 field must have at least one digit", s.substring(i));
                }
                if (pos == 3) {
                    throw error(in, "IPv4 address too long", null);
                }
                fields[at + pos] = (byte) val;
                pos++;
                val = 0;
                digLen = 0;
            } else {
                throw error(in, "unexpected character", s.substring(i));
            }
        }
        if (pos < 3) {
            throw error(in, "IPv4 address too short", null);
        }
        fields[at + 3] = (byte) val;
    }

    private static IpAddress parseV6(String in) {
        String s = in;
        String zone = "";
        int pct = s.indexOf('%');
        if (pct != -1) {
            zone = s.substring(pct + 1);
            s = s.substring(0, pct);
            if (zone.isEmpty()) {
                throw error(in, "zone must be a non-empty string", null);
            }
        }
        byte[] ip = new byte[16];
        int ellipsis = -1;
        if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            ellipsis = 0;
            s = s.substring(2);
            if (s.isEmpty()) {
                return new IpAddress(ip, zone);
            }
        }
        int i = 0;
        while (i < 16) {
            int off = 0;
            int acc = 0;
            for (; off < s.length(); off++) {
                char c = s.charAt(off);
                if (c >= '0' && c <= '9') {
                    acc = (acc << 4) + (c - '0');
                } else if (c >= 'a' && c <= 'f') {
                    acc = (acc << 4) + (c - 'a' + 10);
                } else if (c >= 'A' && c <= 'F') {
                    acc = (acc << 4) + (c - 'A' + 10);
                } else {
                    break;
                }
                if (off > 3) {
                    throw error(in, "each group must have 4 or less digits", s);
                }
                if (acc > 0xFFFF) {
                    throw error(in, "IPv6 field has value >=2^16", s);
                }
            }
            if (off == 0) {
                throw error(in, "each colon-separated field must have at least one digit", s);
            }
            if (off < s.length() && s.charAt(off) == '.') {
                if (ellipsis < 0 && i != 12) {
                    throw error(in, "embedded IPv4 address must replace the final 2 fields of the address", s);
                }
                if (i + 4 > 16) {
                    throw error(in, "too many hex fields to fit an embedded IPv4 at the end of the address", s);
                }
                int end = in.length();
                if (!zone.isEmpty()) {
                    end -= zone.length() + 1;
                }
                parseV4Fields(in, end - s.length(), end, ip, i);
                s = "";
                i += 4;
                break;
            }
            ip[i] = (byte) (acc >> 8);
            ip[i + 1] = (byte) acc;
            i += 2;
            s = s.substring(off);
            if (s.isEmpty()) {
                break;
            }
            if (s.charAt(0) != ':') {
                throw error(in, "unexpected character, want colon", s);
            } else if (s.length() == 1) {
                throw error(in, "colon must be followed by more characters", s);
            }
            s = s.substring(1);
            if (s.charAt(0) == ':') {
                if (ellipsis >= 0) {
                    throw error(in, "multiple :: in address", s);
                }
                ellipsis = i;
                s = s.substring(1);
                if (s.isEmpty()) {
                    break;
                }
            }
        }
        if (!s.isEmpty()) {
            throw error(in, "trailing garbage after address", s);
        }
        if (i < 16) {
            if (ellipsis < 0) {
                throw error(in, "address string too short", null);
            }
            int n = 16 - i;
            for (int j = i - 1; j >= ellipsis; j--) {
                ip[j + n] = ip[j];
            }
            Arrays.fill(ip, ellipsis, ellipsis + n, (byte) 0);
        } else if (ellipsis >= 0) {
            throw error(in, "the :: must expand to at least one field of zeros", s);
        }
        return new IpAddress(ip, zone);
    }

    public boolean is4() {
        return bytes.length == 4;
    }

    public boolean is6() {
        return bytes.length == 16;
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d). */
    public boolean is4In6() {
        if (!is6()) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    public String zone() {
        return zone;
    }

    public int bitLength() {
        return bytes.length * 8;
    }

    byte[] bytes() {
        return bytes;
    }

    private int u16(int group) {
        return ((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff);
    }

    private boolean allZero() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    public boolean isUnspecified() {
        return allZero() && zone.isEmpty();
    }

    public boolean isLoopback() {
        if (is4In6()) {
            return (bytes[12] & 0xff) == 127;
        }
        if (is4()) {
            return (bytes[0] & 0xff) == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[15] == 1;
    }

    public boolean isMulticast() {
        if (is4In6()) {
            return ((bytes[12] & 0xff) & 0xf0) == 0xe0;
        }
        if (is4()) {
            return ((bytes[0] & 0xff) & 0xf0) == 0xe0;
        }
        return (bytes[0] & 0xff) == 0xff;
    }

    public boolean isLinkLocalMulticast() {
        if (is4In6()) {
            return (bytes[12] & 0xff) == 224 && bytes[13] == 0 && bytes[14] == 0;
        }
        if (is4()) {
            return (bytes[0] & 0xff) == 224 && bytes[1] == 0 && bytes[2] == 0;
        }
        return (u16(0) & 0xff0f) == 0xff02;
    }

    public boolean isLinkLocalUnicast() {
        if (is4In6()) {
            return (bytes[12] & 0xff) == 169 && (bytes[13] & 0xff) == 254;
        }
        if (is4()) {
            return (bytes[0] & 0xff) == 169 && (bytes[1] & 0xff) == 254;
        }
        return (u16(0) & 0xffc0) == 0xfe80;
    }

    public boolean isGlobalUnicast() {
        IpAddress ip = this;
        if (is4In6()) {
            ip = new IpAddress(Arrays.copyOfRange(bytes, 12, 16), "");
        }
        if (ip.is4()) {
            boolean broadcast = true;
            for (byte b : ip.bytes) {
                broadcast &= b == (byte) 0xff;
            }
            if (ip.allZero() || broadcast) {
                return false;
            }
        }
        return !(ip.is6() && ip.allZero()) && !ip.isLoopback() && !ip.isMulticast() && !ip.isLinkLocalUnicast();
    }

    /** The address with its host bits beyond {@code bits} cleared. */
    IpAddress masked(int bits) {
        byte[] b = bytes.clone();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            b[i] = (byte) (b[i] & (0xff << (8 - keep)));
        }
        return new IpAddress(b, "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && Arrays.equals(bytes, a.bytes) && zone.equals(a.zone);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + zone.hashCode();
    }

    /** netip.Addr.String(): dotted IPv4, RFC 5952 IPv6, {@code ::ffff:a.b.c.d} for mapped addresses. */
    @Override
    public String toString() {
        if (is4()) {
            return v4(0);
        }
        if (is4In6()) {
            String s = "::ffff:" + v4(12);
            return zone.isEmpty() ? s : s + "%" + zone;
        }
        int zeroStart = -1;
        int zeroEnd = -1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && u16(j) == 0) {
                j++;
            }
            if (j - i >= 2 && j - i > zeroEnd - zeroStart) {
                zeroStart = i;
                zeroEnd = j;
            }
            i = Math.max(i, j);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == zeroStart) {
                b.append("::");
                i = zeroEnd - 1;
                continue;
            }
            if (i > 0 && b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(u16(i)));
        }
        return zone.isEmpty() ? b.toString() : b + "%" + zone;
    }

    private String v4(int at) {
        return (bytes[at] & 0xff) + "." + (bytes[at + 1] & 0xff) + "." + (bytes[at + 2] & 0xff) + "." + (bytes[at + 3] & 0xff);
    }
}
