package dev.kubeward.image.vuln;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CVSS v4.0 scores from vector strings, as FIRST's reference calculator computes them
 * (FIRSTdotorg/cvss-v4-calculator {@code cvss_score.js}, the specification's section 8): the
 * vector's MacroVector (EQ1–EQ6) gives the score of its highest-severity vectors from FIRST's
 * table; the vector's severity distance from those, as a share of each EQ's depth, scales the
 * step down to the next lower MacroVector; the mean of those steps is taken off; rounded half up
 * to one decimal. Threat and environmental metrics are honoured when present (E:X counts as
 * E:A, CR/IR/AR:X as H, a modified base metric replaces the base one).
 */
final class CvssV4 {
    private CvssV4() {}

    private static final Map<String, Double> LOOKUP = new HashMap<>();

    static {
        Object[] t = {
            "000000", 10, "000001", 9.9, "000010", 9.8, "000011", 9.5, "000020", 9.5, "000021", 9.2,
            "000100", 10, "000101", 9.6, "000110", 9.3, "000111", 8.7, "000120", 9.1, "000121", 8.1,
            "000200", 9.3, "000201", 9, "000210", 8.9, "000211", 8, "000220", 8.1, "000221", 6.8,
            "001000", 9.8, "001001", 9.5, "001010", 9.5, "001011", 9.2, "001020", 9, "001021", 8.4,
            "001100", 9.3, "001101", 9.2, "001110", 8.9, "001111", 8.1, "001120", 8.1, "001121", 6.5,
            "001200", 8.8, "001201", 8, "001210", 7.8, "001211", 7, "001220", 6.9, "001221", 4.8,
            "002001", 9.2, "002011", 8.2, "002021", 7.2, "002101", 7.9, "002111", 6.9, "002121", 5,
            "002201", 6.9, "002211", 5.5, "002221", 2.7, "010000", 9.9, "010001", 9.7, "010010", 9.5,
            "010011", 9.2, "010020", 9.2, "010021", 8.5, "010100", 9.5, "010101", 9.1, "010110", 9,
            "010111", 8.3, "010120", 8.4, "010121", 7.1, "010200", 9.2, "010201", 8.1, "010210", 8.2,
            "010211", 7.1, "010220", 7.2, "010221", 5.3, "011000", 9.5, "011001", 9.3, "011010", 9.2,
            "011011", 8.5, "011020", 8.5, "011021", 7.3, "011100", 9.2, "011101", 8.2, "011110", 8,
            "011111", 7.2, "011120", 7, "011121", 5.9, "011200", 8.4, "011201", 7, "011210", 7.1,
            "011211", 5.2, "011220", 5, "011221", 3, "012001", 8.6, "012011", 7.5, "012021", 5.2,
            "012101", 7.1, "012111", 5.2, "012121", 2.9, "012201", 6.3, "012211", 2.9, "012221", 1.7,
            "100000", 9.8, "100001", 9.5, "100010", 9.4, "100011", 8.7, "100020", 9.1, "100021", 8.1,
            "100100", 9.4, "100101", 8.9, "100110", 8.6, "100111", 7.4, "100120", 7.7, "100121", 6.4,
            "100200", 8.7, "100201", 7.5, "100210", 7.4, "100211", 6.3, "100220", 6.3, "100221", 4.9,
            "101000", 9.4, "101001", 8.9, "101010", 8.8, "101011", 7.7, "101020", 7.6, "101021", 6.7,
            "101100", 8.6, "101101", 7.6, "101110", 7.4, "101111", 5.8, "101120", 5.9, "101121", 5,
            "101200", 7.2, "101201", 5.7, "101210", 5.7, "101211", 5.2, "101220", 5.2, "101221", 2.5,
            "102001", 8.3, "102011", 7, "102021", 5.4, "102101", 6.5, "102111", 5.8, "102121", 2.6,
            "102201", 5.3, "102211", 2.1, "102221", 1.3, "110000", 9.5, "110001", 9, "110010", 8.8,
            "110011", 7.6, "110020", 7.6, "110021", 7, "110100", 9, "110101", 7.7, "110110", 7.5,
            "110111", 6.2, "110120", 6.1, "110121", 5.3, "110200", 7.7, "110201", 6.6, "110210", 6.8,
            "110211", 5.9, "110220", 5.2, "110221", 3, "111000", 8.9, "111001", 7.8, "111010", 7.6,
            "111011", 6.7, "111020", 6.2, "111021", 5.8, "111100", 7.4, "111101", 5.9, "111110", 5.7,
            "111111", 5.7, "111120", 4.7, "111121", 2.3, "111200", 6.1, "111201", 5.2, "111210", 5.7,
            "111211", 2.9, "111220", 2.4, "111221", 1.6, "112001", 7.1, "112011", 5.9, "112021", 3,
            "112101", 5.8, "112111", 2.6, "112121", 1.5, "112201", 2.3, "112211", 1.3, "112221", 0.6,
            "200000", 9.3, "200001", 8.7, "200010", 8.6, "200011", 7.2, "200020", 7.5, "200021", 5.8,
            "200100", 8.6, "200101", 7.4, "200110", 7.4, "200111", 6.1, "200120", 5.6, "200121", 3.4,
            "200200", 7, "200201", 5.4, "200210", 5.2, "200211", 4, "200220", 4, "200221", 2.2,
            "201000", 8.5, "201001", 7.5, "201010", 7.4, "201011", 5.5, "201020", 6.2, "201021", 5.1,
            "201100", 7.2, "201101", 5.7, "201110", 5.5, "201111", 4.1, "201120", 4.6, "201121", 1.9,
            "201200", 5.3, "201201", 3.6, "201210", 3.4, "201211", 1.9, "201220", 1.9, "201221", 0.8,
            "202001", 6.4, "202011", 5.1, "202021", 2, "202101", 4.7, "202111", 2.1, "202121", 1.1,
            "202201", 2.4, "202211", 0.9, "202221", 0.4, "210000", 8.8, "210001", 7.5, "210010", 7.3,
            "210011", 5.3, "210020", 6, "210021", 5, "210100", 7.3, "210101", 5.5, "210110", 5.9,
            "210111", 4, "210120", 4.1, "210121", 2, "210200", 5.4, "210201", 4.3, "210210", 4.5,
            "210211", 2.2, "210220", 2, "210221", 1.1, "211000", 7.5, "211001", 5.5, "211010", 5.8,
            "211011", 4.5, "211020", 4, "211021", 2.1, "211100", 6.1, "211101", 5.1, "211110", 4.8,
            "211111", 1.8, "211120", 2, "211121", 0.9, "211200", 4.6, "211201", 1.8, "211210", 1.7,
            "211211", 0.7, "211220", 0.8, "211221", 0.2, "212001", 5.3, "212011", 2.4, "212021", 1.4,
            "212101", 2.4, "212111", 1.2, "212121", 0.5, "212201", 1, "212211", 0.3, "212221", 0.1
        };
        for (int i = 0; i < t.length; i += 2) {
            LOOKUP.put((String) t[i], ((Number) t[i + 1]).doubleValue());
        }
    }

    private static final List<String> MANDATORY = List.of("AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA");

    private static final Map<String, Map<String, Double>> LEVELS = Map.ofEntries(
            Map.entry("AV", Map.of("N", 0.0, "A", 0.1, "L", 0.2, "P", 0.3)),
            Map.entry("PR", Map.of("N", 0.0, "L", 0.1, "H", 0.2)),
            Map.entry("UI", Map.of("N", 0.0, "P", 0.1, "A", 0.2)),
            Map.entry("AC", Map.of("L", 0.0, "H", 0.1)),
            Map.entry("AT", Map.of("N", 0.0, "P", 0.1)),
            Map.entry("VC", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
            Map.entry("VI", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
            Map.entry("VA", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
            Map.entry("SC", Map.of("H", 0.1, "L", 0.2, "N", 0.3)),
            Map.entry("SI", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
            Map.entry("SA", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
            Map.entry("CR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
            Map.entry("IR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
            Map.entry("AR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)));

    /** The allowed values of each metric of a vector (base, threat, environmental, supplemental). */
    private static final Map<String, List<String>> ALLOWED = new HashMap<>();

    static {
        String[][] single = {
            {"AV", "NALP"}, {"AC", "LH"}, {"AT", "NP"}, {"PR", "NLH"}, {"UI", "NPA"}, {"VC", "HLN"}, {"VI", "HLN"},
            {"VA", "HLN"}, {"SC", "HLN"}, {"SI", "HLN"}, {"SA", "HLN"}, {"E", "XAPU"}, {"CR", "XHML"}, {"IR", "XHML"},
            {"AR", "XHML"}, {"MAV", "XNALP"}, {"MAC", "XLH"}, {"MAT", "XNP"}, {"MPR", "XNLH"}, {"MUI", "XNPA"},
            {"MVC", "XHLN"}, {"MVI", "XHLN"}, {"MVA", "XHLN"}, {"MSC", "XHLN"}, {"MSI", "XSHLN"}, {"MSA", "XSHLN"},
            {"S", "XNP"}, {"AU", "XNY"}, {"R", "XAUI"}, {"V", "XDC"}, {"RE", "XLMH"},
        };
        for (String[] m : single) {
            ALLOWED.put(m[0], m[1].chars().mapToObj(c -> String.valueOf((char) c)).toList());
        }
        ALLOWED.put("U", List.of("X", "Clear", "Green", "Amber", "Red"));
    }

    private static final Map<Integer, List<String>> EQ1_MAX = Map.of(
            0, List.of("AV:N/PR:N/UI:N/"),
            1, List.of("AV:A/PR:N/UI:N/", "AV:N/PR:L/UI:N/", "AV:N/PR:N/UI:P/"),
            2, List.of("AV:P/PR:N/UI:N/", "AV:A/PR:L/UI:P/"));
    private static final Map<Integer, List<String>> EQ2_MAX = Map.of(
            0, List.of("AC:L/AT:N/"),
            1, List.of("AC:H/AT:N/", "AC:L/AT:P/"));
    private static final Map<String, List<String>> EQ3EQ6_MAX = Map.of(
            "00", List.of("VC:H/VI:H/VA:H/CR:H/IR:H/AR:H/"),
            "01", List.of("VC:H/VI:H/VA:L/CR:M/IR:M/AR:H/", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M/"),
            "10", List.of("VC:L/VI:H/VA:H/CR:H/IR:H/AR:H/", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H/"),
            "11", List.of("VC:L/VI:H/VA:L/CR:H/IR:M/AR:H/", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M/", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M/",
                    "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H/", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M/"),
            "21", List.of("VC:L/VI:L/VA:L/CR:H/IR:H/AR:H/"));
    private static final Map<Integer, List<String>> EQ4_MAX = Map.of(
            0, List.of("SC:H/SI:S/SA:S/"), 1, List.of("SC:H/SI:H/SA:H/"), 2, List.of("SC:L/SI:L/SA:L/"));
    private static final Map<Integer, List<String>> EQ5_MAX = Map.of(0, List.of("E:A/"), 1, List.of("E:P/"), 2, List.of("E:U/"));

    private static final double[] MAX_EQ1 = {1, 4, 5};
    private static final double[] MAX_EQ2 = {1, 2};
    private static final double[][] MAX_EQ3EQ6 = {{7, 6}, {8, 8}, {Double.NaN, 10}};
    private static final double[] MAX_EQ4 = {6, 5, 4};

    /** The base (or threat/environmental, when given) score of a {@code CVSS:4.0/...} vector, or NaN. */
    static double score(String vector) {
        Map<String, String> v = parse(vector);
        if (v == null) {
            return Double.NaN;
        }
        if (List.of("VC", "VI", "VA", "SC", "SI", "SA").stream().allMatch(k -> m(v, k).equals("N"))) {
            return 0.0;
        }
        String macro = macroVector(v);
        double value = LOOKUP.get(macro);
        int eq1 = macro.charAt(0) - '0';
        int eq2 = macro.charAt(1) - '0';
        int eq3 = macro.charAt(2) - '0';
        int eq4 = macro.charAt(3) - '0';
        int eq5 = macro.charAt(4) - '0';
        int eq6 = macro.charAt(5) - '0';
        double lowerEq1 = lookup(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
        double lowerEq2 = lookup(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
        double lowerEq3eq6;
        if (eq3 == 1 && eq6 == 1) {
            lowerEq3eq6 = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
        } else if (eq3 == 0 && eq6 == 1) {
            lowerEq3eq6 = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
        } else if (eq3 == 1 && eq6 == 0) {
            lowerEq3eq6 = lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
        } else if (eq3 == 0 && eq6 == 0) {
            double left = lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
            double right = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
            lowerEq3eq6 = left > right ? left : right;
        } else {
            lowerEq3eq6 = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1);
        }
        double lowerEq4 = lookup(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
        double lowerEq5 = lookup(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

        String[] metrics = {"AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR", "AR"};
        double[] d = new double[metrics.length];
        outer:
        for (String a : EQ1_MAX.get(eq1)) {
            for (String b : EQ2_MAX.get(eq2)) {
                for (String c : EQ3EQ6_MAX.get("" + eq3 + eq6)) {
                    for (String e : EQ4_MAX.get(eq4)) {
                        for (String f : EQ5_MAX.get(eq5)) {
                            String max = a + b + c + e + f;
                            boolean negative = false;
                            for (int i = 0; i < metrics.length; i++) {
                                Map<String, Double> levels = LEVELS.get(metrics[i]);
                                d[i] = levels.get(m(v, metrics[i])) - levels.get(extract(metrics[i], max));
                                negative |= d[i] < 0;
                            }
                            if (!negative) {
                                break outer;
                            }
                        }
                    }
                }
            }
        }
        double distEq1 = d[0] + d[1] + d[2];
        double distEq2 = d[3] + d[4];
        double distEq3eq6 = d[5] + d[6] + d[7] + d[11] + d[12] + d[13];
        double distEq4 = d[8] + d[9] + d[10];
        double step = 0.1;
        int n = 0;
        double sum = 0;
        if (!Double.isNaN(lowerEq1)) {
            n++;
            sum += (value - lowerEq1) * (distEq1 / (MAX_EQ1[eq1] * step));
        }
        if (!Double.isNaN(lowerEq2)) {
            n++;
            sum += (value - lowerEq2) * (distEq2 / (MAX_EQ2[eq2] * step));
        }
        if (!Double.isNaN(lowerEq3eq6)) {
            n++;
            sum += (value - lowerEq3eq6) * (distEq3eq6 / (MAX_EQ3EQ6[eq3][eq6] * step));
        }
        if (!Double.isNaN(lowerEq4)) {
            n++;
            sum += (value - lowerEq4) * (distEq4 / (MAX_EQ4[eq4] * step));
        }
        if (!Double.isNaN(lowerEq5)) {
            n++; // EQ5's proportion is always 0
        }
        value -= n == 0 ? 0 : sum / n;
        value = Math.max(0.0, Math.min(10.0, value));
        return Math.round((value + 1e-6) * 10) / 10.0;
    }

    private static double lookup(int... eq) {
        StringBuilder sb = new StringBuilder(6);
        for (int e : eq) {
            sb.append(e);
        }
        Double s = LOOKUP.get(sb.toString());
        return s == null ? Double.NaN : s;
    }

    private static String extract(String metric, String max) {
        int i = max.indexOf(metric + ":");
        String rest = max.substring(i + metric.length() + 1);
        int slash = rest.indexOf('/');
        return slash > 0 ? rest.substring(0, slash) : rest;
    }

    /** A metric's effective value: E:X is A, CR/IR/AR:X is H, a modified metric replaces the base one. */
    private static String m(Map<String, String> v, String metric) {
        String selected = v.getOrDefault(metric, "X");
        if (metric.equals("E") && selected.equals("X")) {
            return "A";
        }
        if ((metric.equals("CR") || metric.equals("IR") || metric.equals("AR")) && selected.equals("X")) {
            return "H";
        }
        String modified = v.get("M" + metric);
        if (modified != null && !modified.equals("X")) {
            return modified;
        }
        return selected;
    }

    private static String macroVector(Map<String, String> v) {
        String av = m(v, "AV");
        String pr = m(v, "PR");
        String ui = m(v, "UI");
        int eq1;
        if (av.equals("N") && pr.equals("N") && ui.equals("N")) {
            eq1 = 0;
        } else if ((av.equals("N") || pr.equals("N") || ui.equals("N")) && !av.equals("P")) {
            eq1 = 1;
        } else {
            eq1 = 2;
        }
        int eq2 = m(v, "AC").equals("L") && m(v, "AT").equals("N") ? 0 : 1;
        String vc = m(v, "VC");
        String vi = m(v, "VI");
        String va = m(v, "VA");
        int eq3;
        if (vc.equals("H") && vi.equals("H")) {
            eq3 = 0;
        } else if (vc.equals("H") || vi.equals("H") || va.equals("H")) {
            eq3 = 1;
        } else {
            eq3 = 2;
        }
        int eq4;
        if (m(v, "MSI").equals("S") || m(v, "MSA").equals("S")) {
            eq4 = 0;
        } else if (m(v, "SC").equals("H") || m(v, "SI").equals("H") || m(v, "SA").equals("H")) {
            eq4 = 1;
        } else {
            eq4 = 2;
        }
        String e = m(v, "E");
        int eq5 = e.equals("A") ? 0 : e.equals("P") ? 1 : 2;
        int eq6 = (m(v, "CR").equals("H") && vc.equals("H")) || (m(v, "IR").equals("H") && vi.equals("H"))
                || (m(v, "AR").equals("H") && va.equals("H")) ? 0 : 1;
        return "" + eq1 + eq2 + eq3 + eq4 + eq5 + eq6;
    }

    /** The metrics of a well-formed v4.0 vector (every base metric once, known values only), or null. */
    private static Map<String, String> parse(String vector) {
        if (vector == null || !vector.startsWith("CVSS:4.0/")) {
            return null;
        }
        Map<String, String> out = new HashMap<>();
        for (String part : vector.substring(9).split("/")) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            String k = part.substring(0, colon);
            String val = part.substring(colon + 1);
            List<String> allowed = ALLOWED.get(k);
            if (allowed == null || !allowed.contains(val) || out.put(k, val) != null) {
                return null;
            }
        }
        for (String k : MANDATORY) {
            if (!out.containsKey(k)) {
                return null;
            }
        }
        return out;
    }
}
