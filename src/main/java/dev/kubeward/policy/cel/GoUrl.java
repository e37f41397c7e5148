package dev.kubeward.policy.cel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A URL as Go's net/url parses it ({@code url.Parse} and {@code url.ParseRequestURI}, with their
 * error messages), because the Kubernetes URL library and the {@code uri} format are defined by
 * those two functions. The Kubernetes CEL URL type.
 */
public final class GoUrl {
    private enum Mode { PATH, HOST, ZONE, USER_PASSWORD, QUERY_COMPONENT, FRAGMENT }

    private String scheme = "";
    private String opaque = "";
    private String userinfo; // raw, null when absent
    private String host = "";
    private String path = "";
    private String rawPath = "";
    private String rawQuery = "";
    private boolean forceQuery;
    private String fragment = "";
    private String rawFragment = "";

    private GoUrl() {}

    /** url.Parse. */
    public static GoUrl parse(String raw) {
        int hash = raw.indexOf('#');
        String u = hash < 0 ? raw : raw.substring(0, hash);
        GoUrl url;
        try {
            url = parse(u, false);
        } catch (IllegalArgumentException e) {
            throw wrap(u, e);
        }
        if (hash >= 0) {
            String frag = raw.substring(hash + 1);
            try {
                url.fragment = unescape(frag, Mode.FRAGMENT);
                url.rawFragment = frag;
            } catch (IllegalArgumentException e) {
                throw wrap(raw, e);
            }
        }
        return url;
    }

    /** url.ParseRequestURI: an absolute URI or an absolute path, no fragment handling. */
    public static GoUrl parseRequestUri(String raw) {
        try {
            return parse(raw, true);
        } catch (IllegalArgumentException e) {
            throw wrap(raw, e);
        }
    }

    private static IllegalArgumentException wrap(String url, IllegalArgumentException cause) {
        return new IllegalArgumentException("parse " + GoStrings.quote(url) + ": " + cause.getMessage());
    }

    private static GoUrl parse(String raw, boolean viaRequest) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("net/url: invalid control character in URL");
            }
        }
        if (raw.isEmpty() && viaRequest) {
            throw new IllegalArgumentException("empty url");
        }
        GoUrl url = new GoUrl();
        if (raw.equals("*")) {
            url.path = "*";
            return url;
        }
        String rest = raw;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')) {
                continue;
            }
            if (('0' <= c && c <= '9') || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    break;
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    throw new IllegalArgumentException("missing protocol scheme");
                }
                url.scheme = raw.substring(0, i).toLowerCase(java.util.Locale.ROOT);
                rest = raw.substring(i + 1);
            }
            break;
        }
        int q = rest.indexOf('?');
        if (rest.endsWith("?") && q == rest.length() - 1) {
            url.forceQuery = true;
            rest = rest.substring(0, rest.length() - 1);
        } else if (q >= 0) {
            url.rawQuery = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (!rest.startsWith("/")) {
            if (!url.scheme.isEmpty()) {
                url.opaque = rest;
                return url;
            }
            if (viaRequest) {
                throw new IllegalArgumentException("invalid URI for request");
            }
            int slash = rest.indexOf('/');
            String segment = slash < 0 ? rest : rest.substring(0, slash);
            if (segment.contains(":")) {
                throw new IllegalArgumentException("first path segment in URL cannot contain colon");
            }
        }
        if ((!url.scheme.isEmpty() || (!viaRequest && !rest.startsWith("///"))) && rest.startsWith("//")) {
            String authority = rest.substring(2);
            rest = "";
            int slash = authority.indexOf('/');
            if (slash >= 0) {
                rest = authority.substring(slash);
                authority = authority.substring(0, slash);
            }
            url.parseAuthority(authority);
        }
        url.path = unescape(rest, Mode.PATH);
        url.rawPath = escape(url.path, Mode.PATH).equals(rest) ? "" : rest;
        return url;
    }

    private void parseAuthority(String authority) {
        int at = authority.lastIndexOf('@');
        host = parseHost(at < 0 ? authority : authority.substring(at + 1));
        if (at < 0) {
            return;
        }
        String info = authority.substring(0, at);
        for (int i = 0; i < info.length(); i++) {
            char c = info.charAt(i);
            boolean ok = ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
                    || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0;
            if (!ok) {
                throw new IllegalArgumentException("net/url: invalid userinfo");
            }
        }
        int colon = info.indexOf(':');
        unescape(colon < 0 ? info : info.substring(0, colon), Mode.USER_PASSWORD);
        if (colon >= 0) {
            unescape(info.substring(colon + 1), Mode.USER_PASSWORD);
        }
        userinfo = info;
    }

    private static String parseHost(String host) {
        if (host.startsWith("[")) {
            int i = host.lastIndexOf(']');
            if (i < 0) {
                throw new IllegalArgumentException("missing ']' in host");
            }
            String colonPort = host.substring(i + 1);
            if (!validOptionalPort(colonPort)) {
                throw new IllegalArgumentException("invalid port " + GoStrings.quote(colonPort) + " after host");
            }
            int zone = host.substring(0, i).indexOf("%25");
            String literal;
            String result;
            if (zone >= 0) {
                String host1 = unescape(host.substring(0, zone), Mode.HOST);
                String host2 = unescape(host.substring(zone, i), Mode.ZONE);
                String host3 = unescape(host.substring(i), Mode.HOST);
                literal = host1.substring(1) + host2;
                result = host1 + host2 + host3;
            } else {
                result = unescape(host, Mode.HOST);
                literal = host.substring(1, i);
            }
            try {
                IpAddress addr = IpAddress.parse(literal);
                if (addr.is4()) {
                    throw new IllegalArgumentException("invalid IP-literal");
                }
            } catch (IllegalArgumentException e) {
                if (e.getMessage().equals("invalid IP-literal")) {
                    throw e;
                }
                throw new IllegalArgumentException("invalid host: " + e.getMessage());
            }
            return result;
        }
        int i = host.lastIndexOf(':');
        if (i != -1) {
            String colonPort = host.substring(i);
            if (!validOptionalPort(colonPort)) {
                throw new IllegalArgumentException("invalid port " + GoStrings.quote(colonPort) + " after host");
            }
        }
        return unescape(host, Mode.HOST);
    }

    private static boolean validOptionalPort(String port) {
        if (port.isEmpty()) {
            return true;
        }
        if (port.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < port.length(); i++) {
            char c = port.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean ishex(int c) {
        return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F');
    }

    private static int unhex(int c) {
        if ('0' <= c && c <= '9') {
            return c - '0';
        }
        if ('a' <= c && c <= 'f') {
            return c - 'a' + 10;
        }
        return c - 'A' + 10;
    }

    private static boolean shouldEscape(int c, Mode mode) {
        if (('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')) {
            return false;
        }
        if (mode == Mode.HOST || mode == Mode.ZONE) {
            if ("!$&'()*+,;=:[]<>\"".indexOf(c) >= 0) {
                return false;
            }
        }
        switch (c) {
            case '-', '_', '.', '~':
                return false;
            case '$', '&', '+', ',', '/', ':', ';', '=', '?', '@':
                switch (mode) {
                    case PATH:
                        return c == '?';
                    case USER_PASSWORD:
                        return c == '@' || c == '/' || c == '?' || c == ':';
                    case QUERY_COMPONENT:
                        return true;
                    case FRAGMENT:
                        return false;
                    default:
                        break;
                }
                break;
            default:
                break;
        }
        if (mode == Mode.FRAGMENT) {
            switch (c) {
                case '!', '(', ')', '*':
                    return false;
                default:
                    break;
            }
        }
        return true;
    }

    /** url.unescape: %XX decoding (and + for query components) with Go's checks. */
    private static String unescape(String s, Mode mode) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        boolean hasPlus = false;
        int n = 0;
        for (int i = 0; i < in.length; ) {
            int c = in[i] & 0xff;
            if (c == '%') {
                n++;
                if (i + 2 >= in.length || !ishex(in[i + 1] & 0xff) || !ishex(in[i + 2] & 0xff)) {
                    String bad = s.substring(Math.min(s.length(), charIndex(s, i)));
                    if (bad.length() > 3) {
                        bad = bad.substring(0, 3);
                    }
                    throw new IllegalArgumentException("invalid URL escape " + GoStrings.quote(bad));
                }
                if (mode == Mode.HOST && unhex(in[i + 1] & 0xff) < 8 && !new String(in, i, 3, StandardCharsets.UTF_8).equals("%25")) {
                    throw new IllegalArgumentException("invalid URL escape " + GoStrings.quote(new String(in, i, 3, StandardCharsets.UTF_8)));
                }
                if (mode == Mode.ZONE) {
                    int v = unhex(in[i + 1] & 0xff) << 4 | unhex(in[i + 2] & 0xff);
                    if (!new String(in, i, 3, StandardCharsets.UTF_8).equals("%25") && v != ' ' && shouldEscape(v, Mode.HOST)) {
                        throw new IllegalArgumentException("invalid URL escape " + GoStrings.quote(new String(in, i, 3, StandardCharsets.UTF_8)));
                    }
                }
                i += 3;
            } else if (c == '+') {
                hasPlus = mode == Mode.QUERY_COMPONENT;
                i++;
            } else {
                if ((mode == Mode.HOST || mode == Mode.ZONE) && c < 0x80 && shouldEscape(c, mode)) {
                    throw new IllegalArgumentException("invalid character " + GoStrings.quote(String.valueOf((char) c)) + " in host name");
                }
                i++;
            }
        }
        if (n == 0 && !hasPlus) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int c = in[i] & 0xff;
            if (c == '%') {
                out.write(unhex(in[i + 1] & 0xff) << 4 | unhex(in[i + 2] & 0xff));
                i += 2;
            } else if (c == '+' && mode == Mode.QUERY_COMPONENT) {
                out.write(' ');
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int charIndex(String s, int byteIndex) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            if (bytes >= byteIndex) {
                return i;
            }
            bytes += String.valueOf(s.charAt(i)).getBytes(StandardCharsets.UTF_8).length;
        }
        return s.length();
    }

    private static String escape(String s, Mode mode) {
        StringBuilder b = new StringBuilder();
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if (shouldEscape(c, mode)) {
                if (c == ' ' && mode == Mode.QUERY_COMPONENT) {
                    b.append('+');
                } else {
                    b.append('%').append("0123456789ABCDEF".charAt(c >> 4)).append("0123456789ABCDEF".charAt(c & 15));
                }
            } else {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static boolean validEncoded(String s, Mode mode) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("!$&'()*+,;=:@[]%".indexOf(c) >= 0) {
                continue;
            }
            if (c >= 0x80 || shouldEscape(c, mode)) {
                return false;
            }
        }
        return true;
    }

    public String scheme() {
        return scheme;
    }

    public String host() {
        return host;
    }

    /** URL.Hostname(): the host without port, IPv6 brackets removed. */
    public String hostname() {
        return splitHostPort()[0];
    }

    public String port() {
        return splitHostPort()[1];
    }

    private String[] splitHostPort() {
        String h = host;
        String p = "";
        int colon = h.lastIndexOf(':');
        if (colon != -1 && validOptionalPort(h.substring(colon))) {
            p = h.substring(colon + 1);
            h = h.substring(0, colon);
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return new String[] {h, p};
    }

    /** URL.EscapedPath(). */
    public String escapedPath() {
        if (!rawPath.isEmpty() && validEncoded(rawPath, Mode.PATH)) {
            try {
                if (unescape(rawPath, Mode.PATH).equals(path)) {
                    return rawPath;
                }
            } catch (IllegalArgumentException e) {
                // falls through to escaping the decoded path, as Go does
            }
        }
        if (path.equals("*")) {
            return "*";
        }
        return escape(path, Mode.PATH);
    }

    /** URL.Query(): url.ParseQuery of the raw query, malformed pairs left out as Go leaves them out. */
    public Map<String, List<String>> query() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        String query = rawQuery;
        while (!query.isEmpty()) {
            int amp = query.indexOf('&');
            String key = amp < 0 ? query : query.substring(0, amp);
            query = amp < 0 ? "" : query.substring(amp + 1);
            if (key.contains(";") || key.isEmpty()) {
                continue;
            }
            int eq = key.indexOf('=');
            String value = eq < 0 ? "" : key.substring(eq + 1);
            key = eq < 0 ? key : key.substring(0, eq);
            try {
                key = unescape(key, Mode.QUERY_COMPONENT);
                value = unescape(value, Mode.QUERY_COMPONENT);
            } catch (IllegalArgumentException e) {
                continue;
            }
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoUrl u && toString().equals(u.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** URL.String(). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (!scheme.isEmpty()) {
            b.append(scheme).append(':');
        }
        if (!opaque.isEmpty()) {
            b.append(opaque);
        } else {
            if (!scheme.isEmpty() || !host.isEmpty() || userinfo != null) {
                if (!host.isEmpty() || !path.isEmpty() || userinfo != null) {
                    b.append("//");
                }
                if (userinfo != null) {
                    b.append(userinfo).append('@');
                }
                b.append(escape(host, Mode.HOST));
            }
            String p = escapedPath();
            if (!p.isEmpty() && p.charAt(0) != '/' && !host.isEmpty()) {
                b.append('/');
            }
            b.append(p);
        }
        if (forceQuery || !rawQuery.isEmpty()) {
            b.append('?').append(rawQuery);
        }
        if (!fragment.isEmpty()) {
            b.append('#').append(rawFragment.isEmpty() ? escape(fragment, Mode.FRAGMENT) : rawFragment);
        }
        return b.toString();
    }
}
