package dev.kubeward.report;

import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.Finding;
import dev.kubeward.model.ObjectRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scan seen through a framework's controls. Each control is
 * <ul>
 *   <li><b>failed</b> when a check serving it has an unsuppressed finding (a baselined finding
 *       still fails a control: the baseline decides what CI reports, not what is true);
 *   <li><b>passed</b> when its checks ran, found nothing unsuppressed, and the input held objects of
 *       a kind they examine;
 *   <li><b>not applicable</b> when its checks ran but nothing in the input is of a kind they examine
 *       (control-plane controls on a repository of workloads);
 *   <li><b>not checkable</b> when no kubeward check covers it, the catalogue says it cannot be
 *       checked from what kubeward reads, or its checks did not run (disabled): named with the
 *       reason, never counted as passed.
 * </ul>
 * The score is the share of checkable, applicable controls that passed: passed / (passed + failed).
 */
public record Compliance(Framework framework, List<Result> results) {
    public enum Status {
        PASSED("passed"), FAILED("failed"), NOT_APPLICABLE("not applicable"), NOT_CHECKABLE("not checkable");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The JSON spelling: passed, failed, not-applicable, not-checkable. */
        public String key() {
            return label.replace(' ', '-');
        }
    }

    /**
     * One control's outcome.
     *
     * @param checks the checks that serve the control (whether they ran or not)
     * @param findings the unsuppressed findings of those checks, in the scan's order
     * @param suppressed the suppressed findings of those checks: shown with their reasons, not failing
     * @param reason why the control is not applicable or not checkable; null otherwise
     */
    public record Result(Framework.Control control, Status status, List<String> checks, List<Finding> findings,
            List<Finding> suppressed, String reason) {}

    /**
     * @param catalogue every check kubeward has (to name the checks of a control even when they
     *     did not run)
     */
    public static Compliance evaluate(Framework framework, ScanReport report, Collection<CheckMeta> catalogue) {
        Map<String, CheckMeta> ran = new HashMap<>();
        report.rules().forEach(m -> ran.put(m.id(), m));
        Map<String, List<Finding>> byCheck = new HashMap<>();
        for (Finding f : report.findings()) {
            byCheck.computeIfAbsent(f.checkId(), k -> new ArrayList<>()).add(f);
        }
        Set<String> applicable = applicableCategories(report);
        List<Result> results = new ArrayList<>();
        for (Framework.Control c : framework.controls()) {
            List<String> checks = framework.checksOf(c, catalogue);
            if (checks.isEmpty()) {
                results.add(new Result(c, Status.NOT_CHECKABLE, checks, List.of(), List.of(),
                        c.notCheckable() != null ? c.notCheckable() : "no kubeward check covers this control"));
                continue;
            }
            List<String> running = checks.stream().filter(ran::containsKey).toList();
            if (running.isEmpty()) {
                results.add(new Result(c, Status.NOT_CHECKABLE, checks, List.of(), List.of(),
                        "its checks did not run (disabled in the configuration): " + String.join(", ", checks)));
                continue;
            }
            List<Finding> open = new ArrayList<>();
            List<Finding> suppressed = new ArrayList<>();
            for (String id : running) {
                for (Finding f : byCheck.getOrDefault(id, List.of())) {
                    (f.suppressed() ? suppressed : open).add(f);
                }
            }
            if (!open.isEmpty()) {
                results.add(new Result(c, Status.FAILED, checks, open, suppressed, null));
            } else if (!suppressed.isEmpty() || running.stream().anyMatch(id -> applicable.contains(ran.get(id).category()))) {
                results.add(new Result(c, Status.PASSED, checks, open, suppressed, null));
            } else {
                results.add(new Result(c, Status.NOT_APPLICABLE, checks, open, suppressed,
                        "nothing in the input is of a kind its checks examine"));
            }
        }
        return new Compliance(framework, List.copyOf(results));
    }

    /**
     * The check categories some scanned object concerns: those of {@link JunitReporter#categoriesFor},
     * the control-plane and etcd categories for kubeadm's static pods (by name in kube-system), the
     * service mesh for namespaces and workloads, and the version and input checks always.
     */
    static Set<String> applicableCategories(ScanReport report) {
        Set<String> out = new HashSet<>(Set.of("Input", "Kubernetes version"));
        for (ScanReport.ScannedObject o : report.objects()) {
            ObjectRef ref = o.ref();
            Set<String> categories = JunitReporter.categoriesFor(ref);
            out.addAll(categories);
            if (categories.contains("Pod security") || "Namespace".equals(ref.kind())) {
                out.add("Service mesh");
            }
            String name = ref.name() == null ? "" : ref.name();
            if ("Pod".equals(ref.kind()) && "kube-system".equals(ref.namespace())) {
                if (name.startsWith("kube-apiserver") || name.startsWith("kube-controller-manager")
                        || name.startsWith("kube-scheduler")) {
                    out.add("Control plane");
                }
                if (name.startsWith("etcd")) {
                    out.add("etcd");
                }
            }
            if (ref.kind() != null && ref.kind().startsWith("PeerAuthentication")) {
                out.add("Service mesh");
            }
        }
        return out;
    }

    public int count(Status s) {
        return (int) results.stream().filter(r -> r.status() == s).count();
    }

    /** passed / (passed + failed), as a percentage rounded down; -1 when no control could be judged. */
    public int scorePercent() {
        int passed = count(Status.PASSED);
        int judged = passed + count(Status.FAILED);
        return judged == 0 ? -1 : passed * 100 / judged;
    }

    /** The results grouped by section, in catalogue order. */
    public Map<String, List<Result>> bySection() {
        Map<String, List<Result>> out = new LinkedHashMap<>();
        for (Result r : results) {
            out.computeIfAbsent(r.control().section(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** "12 passed, 3 failed, 20 not applicable, 9 not checkable; score 80% (12 of 15 checkable controls passed)". */
    public String summaryLine() {
        int passed = count(Status.PASSED);
        int failed = count(Status.FAILED);
        String score = scorePercent() < 0 ? "no score (no control could be judged on this input)"
                : "score " + scorePercent() + "% (" + passed + " of " + (passed + failed) + " checkable controls passed)";
        return framework.title() + " " + framework.version() + ": " + passed + " passed, " + failed + " failed, "
                + count(Status.NOT_APPLICABLE) + " not applicable, " + count(Status.NOT_CHECKABLE) + " not checkable; " + score;
    }
}
