package dev.kubeward.report;

import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.Finding;
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
 * JUnit XML for CI systems that show test reports: one test suite per object, one test case per
 * check that concerns its kind (see {@link #categoriesFor}) or reported on it; a finding is a
 * failure, a suppressed one is skipped with its reason.
 */
public final class JunitReporter implements Reporter {
    @Override
    public void write(ScanReport report, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        Map<String, List<Finding>> byObjectAndCheck = new HashMap<>();
        Map<String, Set<String>> reportedOn = new HashMap<>();
        for (Finding f : report.findings()) {
            byObjectAndCheck.computeIfAbsent(key(f.file(), f.resource().display(), f.checkId()), k -> new ArrayList<>()).add(f);
            reportedOn.computeIfAbsent(f.file() + "\u0000" + f.resource().display(), k -> new HashSet<>()).add(f.checkId());
        }
        Map<ScanReport.ScannedObject, List<CheckMeta>> rulesOf = new HashMap<>();
        int tests = report.errors().size();
        for (ScanReport.ScannedObject o : report.objects()) {
            List<CheckMeta> rules = rulesFor(o, report.rules(),
                    reportedOn.getOrDefault(o.file() + "\u0000" + o.ref().display(), Set.of()));
            rulesOf.put(o, rules);
            tests += rules.size();
        }
        long failures = byObjectAndCheck.values().stream().filter(l -> l.stream().anyMatch(f -> !f.suppressed())).count();
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.printf("<testsuites name=\"kubeward\" tests=\"%d\" failures=\"%d\" errors=\"%d\">%n", tests, failures,
                report.errors().size());
        for (ScanReport.ScannedObject o : report.objects()) {
            String suite = o.ref().display();
            int suiteFailures = 0;
            StringBuilder cases = new StringBuilder();
            List<CheckMeta> rules = rulesOf.get(o);
            for (CheckMeta rule : rules) {
                List<Finding> found = byObjectAndCheck.getOrDefault(key(o.file(), suite, rule.id()), List.of());
                cases.append(testCase(suite, rule, o, found));
                if (found.stream().anyMatch(f -> !f.suppressed())) {
                    suiteFailures++;
                }
            }
            out.printf("  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" file=\"%s\">%n", xml(suite),
                    rules.size(), suiteFailures, xml(o.file()));
            out.print(cases);
            out.println("  </testsuite>");
        }
        if (!report.errors().isEmpty()) {
            out.printf("  <testsuite name=\"input\" tests=\"%d\" failures=\"0\" errors=\"%d\">%n",
                    report.errors().size(), report.errors().size());
            for (InputError e : report.errors()) {
                out.printf("    <testcase classname=\"input\" name=\"%s\" file=\"%s\">%n", xml(e.toString()), xml(e.file()));
                out.printf("      <error message=\"%s\"/>%n", xml(e.message()));
                out.println("    </testcase>");
            }
            out.println("  </testsuite>");
        }
        out.println("</testsuites>");
        out.flush();
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

    private static List<CheckMeta> rulesFor(ScanReport.ScannedObject o, List<CheckMeta> rules, Set<String> reported) {
        Set<String> categories = categoriesFor(o.ref());
        return rules.stream().filter(r -> categories.contains(r.category()) || reported.contains(r.id())).toList();
    }

    private static String testCase(String suite, CheckMeta rule, ScanReport.ScannedObject o, List<Finding> found) {
        // Appended, not String.format: a large scan writes hundreds of thousands of these.
        StringBuilder sb = new StringBuilder(160);
        int line = found.isEmpty() ? o.line() : found.get(0).line();
        sb.append("    <testcase classname=\"").append(xml(suite)).append("\" name=\"").append(xml(rule.id()))
                .append("\" file=\"").append(xml(o.file())).append("\" line=\"").append(line).append('"');
        List<Finding> open = found.stream().filter(f -> !f.suppressed()).toList();
        if (found.isEmpty()) {
            return sb.append("/>\n").toString();
        }
        sb.append(">\n");
        if (open.isEmpty()) {
            sb.append(String.format("      <skipped message=\"suppressed: %s\"/>%n", xml(found.get(0).suppression().reason())));
        } else {
            StringBuilder body = new StringBuilder();
            for (Finding f : open) {
                body.append(f.file()).append(':').append(f.line()).append(':').append(f.column()).append(' ')
                        .append(f.severity().label()).append(' ').append(f.message()).append('\n');
            }
            body.append("fix: ").append(rule.remediation());
            sb.append(String.format("      <failure message=\"%s\" type=\"%s\">%s</failure>%n", xml(open.get(0).message()),
                    open.get(0).severity().label(), xml(body.toString())));
        }
        return sb.append("    </testcase>\n").toString();
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
