package dev.kubeward.report;

import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import dev.kubeward.image.scan.ImageScan;
import dev.kubeward.image.vuln.VulnMatch;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.ObjectRef;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JUnit XML for CI systems that show test reports: one test suite per object (named by the object
 * and its file, so that names are unique), one test case per check that concerns its kind (see
 * {@link #categoriesFor}) or reported on it. A finding at or above {@code --fail-on} is a failure;
 * one below it leaves the case passed, with the finding in {@code system-out}; a suppressed one is
 * skipped with its reason.
 */
public final class JunitReporter implements Reporter {
    @Override
    public void write(ScanReport report, RenderOptions options, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        Map<String, List<Finding>> byObjectAndCheck = new HashMap<>();
        Map<String, Set<String>> reportedOn = new HashMap<>();
        for (Finding f : report.shown(options)) {
            byObjectAndCheck.computeIfAbsent(key(f.file(), f.resource().display(), f.checkId()), k -> new ArrayList<>()).add(f);
            reportedOn.computeIfAbsent(f.file() + "\u0000" + f.resource().display(), k -> new HashSet<>()).add(f.checkId());
        }
        // Findings about something that is not an object of the scan (an exemption in the
        // configuration file) get a suite of their own, so that every format carries them.
        List<ScanReport.ScannedObject> suites = new ArrayList<>(report.objects());
        Set<String> suiteKeys = new HashSet<>();
        suites.forEach(o -> suiteKeys.add(o.file() + "\u0000" + o.ref().display()));
        for (Finding f : report.findings()) {
            if (suiteKeys.add(f.file() + "\u0000" + f.resource().display())) {
                suites.add(new ScanReport.ScannedObject(f.resource(), f.file(), f.line()));
            }
        }
        Map<ScanReport.ScannedObject, List<CheckMeta>> rulesOf = new HashMap<>();
        int tests = report.errors().size() + report.notChecked().size();
        int failures = 0;
        int skipped = report.notChecked().size();
        for (ScanReport.ScannedObject o : suites) {
            List<CheckMeta> rules = rulesFor(o, report.rules(),
                    reportedOn.getOrDefault(o.file() + "\u0000" + o.ref().display(), Set.of()));
            rulesOf.put(o, rules);
            tests += rules.size();
            for (CheckMeta rule : rules) {
                switch (outcome(byObjectAndCheck.getOrDefault(key(o.file(), o.ref().display(), rule.id()), List.of()),
                        report)) {
                    case FAILED -> failures++;
                    case SKIPPED -> skipped++;
                    default -> { }
                }
            }
        }
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.printf("<testsuites name=\"kubeward\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\">%n",
                tests, failures, report.errors().size(), skipped);
        Set<String> suiteNames = new HashSet<>();
        for (ScanReport.ScannedObject o : suites) {
            String display = o.ref().display();
            String suite = suiteName(o, suiteNames);
            int suiteFailures = 0;
            int suiteSkipped = 0;
            StringBuilder cases = new StringBuilder();
            List<CheckMeta> rules = rulesOf.get(o);
            for (CheckMeta rule : rules) {
                List<Finding> found = byObjectAndCheck.getOrDefault(key(o.file(), display, rule.id()), List.of());
                Outcome outcome = outcome(found, report);
                cases.append(testCase(suite, rule, o, found, outcome, report));
                suiteFailures += outcome == Outcome.FAILED ? 1 : 0;
                suiteSkipped += outcome == Outcome.SKIPPED ? 1 : 0;
            }
            out.printf("  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" file=\"%s\">%n",
                    xml(suite), rules.size(), suiteFailures, suiteSkipped, xml(o.file()));
            out.print(cases);
            out.println("  </testsuite>");
        }
        if (!report.errors().isEmpty()) {
            String suite = "input";
            while (!suiteNames.add(suite)) {
                suite = suite + "'";
            }
            out.printf("  <testsuite name=\"%s\" tests=\"%d\" failures=\"0\" errors=\"%d\" skipped=\"0\">%n",
                    xml(suite), report.errors().size(), report.errors().size());
            for (InputError e : report.errors()) {
                out.printf("    <testcase classname=\"%s\" name=\"%s\" file=\"%s\">%n", xml(suite), xml(e.toString()),
                        xml(e.file()));
                out.printf("      <error message=\"%s\"/>%n", xml(e.message()));
                out.println("    </testcase>");
            }
            out.println("  </testsuite>");
        }
        if (!report.notChecked().isEmpty()) {
            // A kind a cluster scan could not read: a skipped case each, so that CI shows the hole.
            String suite = "not checked";
            while (!suiteNames.add(suite)) {
                suite = suite + "'";
            }
            out.printf("  <testsuite name=\"%s\" tests=\"%d\" failures=\"0\" errors=\"0\" skipped=\"%d\">%n",
                    xml(suite), report.notChecked().size(), report.notChecked().size());
            for (dev.kubeward.model.CoverageGap gap : report.notChecked()) {
                out.printf("    <testcase classname=\"%s\" name=\"%s\">%n", xml(suite), xml(gap.what()));
                out.printf("      <skipped message=\"%s\"/>%n", xml(gap.toString()));
                out.println("    </testcase>");
            }
            out.println("  </testsuite>");
        }
        out.println("</testsuites>");
        out.flush();
    }

    /**
     * The JUnit XML of {@code images scan}: a test suite per image, a test case per package (named
     * by the package, its version and where in the image it is), failed by an open vulnerability
     * at or above {@code failOn}, passed with the vulnerabilities below it in {@code system-out},
     * skipped when each of its vulnerabilities is suppressed (VEX); an image that could not be
     * read is a suite with one error.
     */
    public void writeImages(ImageScanReport report, Severity failOn, Writer writer) {
        PrintWriter out = new PrintWriter(writer);
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        StringBuilder suites = new StringBuilder();
        Set<String> suiteNames = new HashSet<>();
        for (ImageScan s : report.scans()) {
            String suite = s.reference();
            while (!suiteNames.add(suite)) {
                suite = suite + "'";
            }
            if (s.error() != null) {
                tests++;
                errors++;
                suites.append("  <testsuite name=\"").append(xml(suite)).append("\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n")
                        .append("    <testcase classname=\"").append(xml(suite)).append("\" name=\"read image\">\n")
                        .append("      <error message=\"").append(xml(s.error())).append("\"/>\n    </testcase>\n  </testsuite>\n");
                continue;
            }
            Map<dev.kubeward.image.Package, List<ImageScanReport.Listed>> byPackage = new java.util.LinkedHashMap<>();
            s.packages().forEach(p -> byPackage.put(p, new ArrayList<>()));
            for (ImageScanReport.Listed l : report.listed(s)) {
                byPackage.computeIfAbsent(l.match().pkg(), k -> new ArrayList<>()).add(l);
            }
            int suiteFailures = 0;
            int suiteSkipped = 0;
            StringBuilder cases = new StringBuilder();
            Set<String> caseNames = new HashSet<>();
            for (var e : byPackage.entrySet()) {
                dev.kubeward.image.Package p = e.getKey();
                String name = p.name() + " " + p.version() + (p.path() == null ? "" : " (" + p.path() + ")");
                while (!caseNames.add(name)) {
                    name = name + "'";
                }
                List<ImageScanReport.Listed> open = e.getValue().stream().filter(l -> l.suppressed() == null).toList();
                Outcome outcome = e.getValue().isEmpty() ? Outcome.PASSED : open.isEmpty() ? Outcome.SKIPPED
                        : failOn != null && open.stream().anyMatch(l -> ImageScanReport.severity(l.match().severity()).atLeast(failOn))
                        ? Outcome.FAILED : Outcome.NOTED;
                cases.append("    <testcase classname=\"").append(xml(suite)).append("\" name=\"").append(xml(name)).append('"');
                if (outcome == Outcome.PASSED) {
                    cases.append("/>\n");
                    continue;
                }
                cases.append(">\n");
                StringBuilder body = new StringBuilder();
                for (ImageScanReport.Listed l : outcome == Outcome.SKIPPED ? e.getValue() : open) {
                    body.append(ImageScanReport.describe(l.match()));
                    if (l.suppressed() != null) {
                        body.append(" [suppressed: ").append(l.suppressed()).append(']');
                    }
                    body.append('\n');
                }
                switch (outcome) {
                    case SKIPPED -> {
                        suiteSkipped++;
                        cases.append("      <skipped message=\"").append(xml("suppressed: " + e.getValue().get(0).suppressed()))
                                .append("\"/>\n");
                    }
                    case FAILED -> {
                        suiteFailures++;
                        VulnMatch first = open.stream().map(ImageScanReport.Listed::match)
                                .filter(m -> ImageScanReport.severity(m.severity()).atLeast(failOn)).findFirst().orElseThrow();
                        cases.append("      <failure message=\"").append(xml(ImageScanReport.describe(first))).append("\" type=\"")
                                .append(first.severity().label()).append("\">").append(xml(body.toString())).append("</failure>\n");
                    }
                    default -> cases.append("      <system-out>").append(xml("below --fail-on "
                            + (failOn == null ? "none" : failOn.label()) + ":\n" + body)).append("</system-out>\n");
                }
                cases.append("    </testcase>\n");
            }
            tests += byPackage.size();
            failures += suiteFailures;
            skipped += suiteSkipped;
            suites.append("  <testsuite name=\"").append(xml(suite)).append("\" tests=\"").append(byPackage.size())
                    .append("\" failures=\"").append(suiteFailures).append("\" errors=\"0\" skipped=\"").append(suiteSkipped)
                    .append("\">\n").append(cases).append("  </testsuite>\n");
        }
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.printf("<testsuites name=\"kubeward\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\">%n",
                tests, failures, errors, skipped);
        out.print(suites);
        out.println("</testsuites>");
        out.flush();
    }

    private enum Outcome { PASSED, NOTED, FAILED, SKIPPED }

    /**
     * Failed by an open finding at or above the threshold; noted by open ones below it; skipped when
     * all are suppressed or baselined.
     */
    private static Outcome outcome(List<Finding> found, ScanReport report) {
        Severity failOn = report.failOn();
        if (found.isEmpty()) {
            return Outcome.PASSED;
        }
        boolean open = false;
        for (Finding f : found) {
            if (report.open(f)) {
                if (failOn != null && f.severity().atLeast(failOn)) {
                    return Outcome.FAILED;
                }
                open = true;
            }
        }
        return open ? Outcome.NOTED : Outcome.SKIPPED;
    }

    /**
     * The object and its file ("Pod shop/web (k8s/web.yaml)"), so that the same object in two
     * files (overlays, copies) makes two suites; its line too when one file has it twice.
     */
    private static String suiteName(ScanReport.ScannedObject o, Set<String> taken) {
        String display = o.ref().display();
        String name = o.file().equals(o.ref().name()) ? display : display + " (" + o.file() + ")";
        if (!taken.add(name)) {
            name = display + " (" + o.file() + ":" + o.line() + ")";
            for (int n = 2; !taken.add(name); n++) {
                name = display + " (" + o.file() + ":" + o.line() + ") #" + n;
            }
        }
        return name;
    }

    private static final Set<String> WORKLOAD_CATEGORIES = Set.of("Pod security", "Images", "Resources",
            "Service accounts", "Pod Security Admission", "Secrets");

    /**
     * The check categories that concern an object of this kind, each a passing test case unless it
     * reported something. A check that did report on the object always gets its test case, so the
     * table below only decides which passes are worth a line: a Role does not pass 26 control-plane
     * checks, which would bury the failures of a large scan (and its XML was half a gigabyte).
     */
    static Set<String> categoriesFor(ObjectRef ref) {
        String kind = ref.kind();
        if (kind.equals("Dockerfile") && ref.apiVersion().startsWith("kubeward.dev/")) {
            return Set.of("Dockerfile");
        }
        String apiVersion = ref.apiVersion() == null ? "" : ref.apiVersion();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        if (Kinds.isPodBearing(group, kind)) {
            return WORKLOAD_CATEGORIES;
        }
        return switch (kind) {
            case "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding" -> Set.of("RBAC");
            case "NetworkPolicy" -> Set.of("Network policies");
            case "Service", "Ingress" -> Set.of("Network exposure");
            case "Namespace" -> Set.of("Namespaces", "Pod Security Admission", "Network policies");
            case "ConfigMap", "Secret" -> Set.of("Secrets");
            case "KubeletConfiguration", "KubeletCommandLine" -> Set.of("Kubelet");
            case "RancherConfig" -> Set.of("Control plane", "Kubelet", "etcd", "Kube-proxy");
            case "KubeProxyConfiguration" -> Set.of("Kube-proxy");
            case "EncryptionConfiguration" -> Set.of("Encryption at rest");
            case "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService" -> Set.of("Admission control");
            case "Policy" -> Set.of("Audit logging");
            case "NodeFile" -> Set.of("Node files");
            default -> Set.of();
        };
    }

    /** The checks that examine an object: those of its categories, and any that reported on it. */
    static List<CheckMeta> rulesFor(ScanReport.ScannedObject o, List<CheckMeta> rules, Set<String> reported) {
        Set<String> categories = categoriesFor(o.ref());
        return rules.stream().filter(r -> categories.contains(r.category()) || reported.contains(r.id())).toList();
    }

    private static String testCase(String suite, CheckMeta rule, ScanReport.ScannedObject o, List<Finding> found,
            Outcome outcome, ScanReport report) {
        Severity failOn = report.failOn();
        // Appended, not String.format: a large scan writes hundreds of thousands of these.
        StringBuilder sb = new StringBuilder(160);
        int line = found.isEmpty() ? o.line() : found.get(0).line();
        sb.append("    <testcase classname=\"").append(xml(suite)).append("\" name=\"").append(xml(rule.id()))
                .append("\" file=\"").append(xml(o.file())).append("\" line=\"").append(line).append('"');
        if (outcome == Outcome.PASSED) {
            return sb.append("/>\n").toString();
        }
        sb.append(">\n");
        List<Finding> open = found.stream().filter(report::open).toList();
        switch (outcome) {
            case SKIPPED -> sb.append("      <skipped message=\"").append(xml(found.get(0).suppressed()
                    ? "suppressed: " + found.get(0).suppression().reason()
                    : "baselined: in " + report.baseline().file())).append("\"/>\n");
            case FAILED -> {
                Finding first = open.stream().filter(f -> f.severity().atLeast(failOn)).findFirst().orElseThrow();
                sb.append("      <failure message=\"").append(xml(first.message())).append("\" type=\"")
                        .append(first.severity().label()).append("\">").append(xml(body(open, rule))).append("</failure>\n");
            }
            default -> sb.append("      <system-out>").append(xml("below --fail-on " + (failOn == null ? "none" : failOn.label())
                    + ":\n" + body(open, rule))).append("</system-out>\n");
        }
        return sb.append("    </testcase>\n").toString();
    }

    private static String body(List<Finding> open, CheckMeta rule) {
        StringBuilder body = new StringBuilder();
        for (Finding f : open) {
            body.append(f.file()).append(':').append(f.line()).append(':').append(f.column()).append(' ')
                    .append(f.severity().label()).append(' ').append(f.message()).append('\n');
        }
        return body.append("fix: ").append(rule.remediation()).toString();
    }

    private static String key(String file, String object, String check) {
        return file + "\u0000" + object + "\u0000" + check;
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    // XML 1.0 cannot carry most control characters, even escaped.
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
