package dev.kubeward.image.vuln;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * CVSS base scores from vector strings: v3.0 and v3.1 (FIRST's specification documents, section 7,
 * with each version's own Roundup), and v2 (the v2 guide, section 3.2.1). A vector that is not
 * well formed gives no score.
 */
public final class Cvss {
    private Cvss() {}

    /** The base score of a {@code CVSS:3.x/...} vector, or NaN when the vector is malformed. */
    public static double v3(String vector) {
        if (vector == null) {
            return Double.NaN;
        }
        String v = vector.strip();
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        boolean v30;
        if (v.startsWith("CVSS:3.1/")) {
            v30 = false;
        } else if (v.startsWith("CVSS:3.0/")) {
            v30 = true;
        } else {
            return Double.NaN;
        }
        Map<String, String> m = metrics(v.substring(9));
        if (m == null) {
            return Double.NaN;
        }
        String s = m.get("S");
        Double av = pick(m.get("AV"), "N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2);
        Double ac = pick(m.get("AC"), "L", 0.77, "H", 0.44);
        Double ui = pick(m.get("UI"), "N", 0.85, "R", 0.62);
        Double c = pick(m.get("C"), "H", 0.56, "L", 0.22, "N", 0.0);
        Double i = pick(m.get("I"), "H", 0.56, "L", 0.22, "N", 0.0);
        Double a = pick(m.get("A"), "H", 0.56, "L", 0.22, "N", 0.0);
        if (av == null || ac == null || ui == null || c == null || i == null || a == null
                || !("U".equals(s) || "C".equals(s))) {
            return Double.NaN;
        }
        boolean changed = s.equals("C");
        Double pr = changed ? pick(m.get("PR"), "N", 0.85, "L", 0.68, "H", 0.5) : pick(m.get("PR"), "N", 0.85, "L", 0.62, "H", 0.27);
        if (pr == null) {
            return Double.NaN;
        }
        double iss = 1 - ((1 - c) * (1 - i) * (1 - a));
        double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0) {
            return 0.0;
        }
        double raw = changed ? Math.min(1.08 * (impact + exploitability), 10) : Math.min(impact + exploitability, 10);
        return v30 ? roundup30(raw) : roundup31(raw);
    }

    /** CVSS v3.0 Roundup: the smallest number with one decimal not less than the input. */
    static double roundup30(double x) {
        return Math.ceil(x * 10) / 10.0;
    }

    /** CVSS v3.1 Roundup (Appendix A), which avoids floating-point surprises. */
    static double roundup31(double x) {
        long i = Math.round(x * 100000);
        if (i % 10000 == 0) {
            return i / 100000.0;
        }
        return (Math.floor(i / 10000.0) + 1) / 10.0;
    }

    /** The base score of a v2 vector ({@code AV:N/AC:L/Au:N/C:P/I:P/A:P}), or NaN. */
    public static double v2(String vector) {
        if (vector == null) {
            return Double.NaN;
        }
        String v = vector.strip();
        if (v.startsWith("(") && v.endsWith(")")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.startsWith("CVSS:2.0/")) {
            v = v.substring(9);
        }
        Map<String, String> m = metrics(v);
        if (m == null) {
            return Double.NaN;
        }
        Double av = pick(m.get("AV"), "L", 0.395, "A", 0.646, "N", 1.0);
        Double ac = pick(m.get("AC"), "H", 0.35, "M", 0.61, "L", 0.71);
        Double au = pick(m.get("Au"), "M", 0.45, "S", 0.56, "N", 0.704);
        Double c = pick(m.get("C"), "N", 0.0, "P", 0.275, "C", 0.660);
        Double i = pick(m.get("I"), "N", 0.0, "P", 0.275, "C", 0.660);
        Double a = pick(m.get("A"), "N", 0.0, "P", 0.275, "C", 0.660);
        if (av == null || ac == null || au == null || c == null || i == null || a == null) {
            return Double.NaN;
        }
        double impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
        double exploitability = 20 * av * ac * au;
        double f = impact == 0 ? 0 : 1.176;
        double base = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * f;
        return BigDecimal.valueOf(base).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    private static Map<String, String> metrics(String s) {
        Map<String, String> m = new HashMap<>();
        for (String part : s.split("/")) {
            int colon = part.indexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                return null;
            }
            if (m.put(part.substring(0, colon), part.substring(colon + 1)) != null) {
                return null;
            }
        }
        return m;
    }

    private static Double pick(String value, Object... pairs) {
        if (value == null) {
            return null;
        }
        for (int k = 0; k < pairs.length; k += 2) {
            if (pairs[k].equals(value)) {
                return (Double) pairs[k + 1];
            }
        }
        return null;
    }
}
