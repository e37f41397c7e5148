package dev.kubeward.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.report.PolicyReports;
import dev.kubeward.report.RenderOptions;
import dev.kubeward.report.ScanReport;
import dev.kubeward.source.cluster.ClusterConnection;
import dev.kubeward.source.cluster.ReportWriter;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --report-api} and {@code --apply} (a mixin of scan and node): which report API
 * {@code --format policyreport} writes, and writing the reports to the cluster that was read.
 */
final class PolicyReportOptions {
    @Option(names = "--report-api", paramLabel = "API",
            description = "with --format policyreport: wgpolicyk8s (wgpolicyk8s.io/v1alpha2 PolicyReport and ClusterPolicyReport, the default) or openreports (openreports.io/v1alpha1 Report and ClusterReport)")
    String reportApi;

    @Option(names = "--apply",
            description = "with --cluster --format policyreport: write the reports to the cluster by server-side apply (field manager kubeward) instead of standard output (-o FILE still writes them there too), and delete kubeward's reports this run did not write (stale chunks, namespaces gone); with -n NS only the reports of NS")
    boolean apply;

    @Option(names = "--report-pass",
            description = "with --format policyreport: also a pass result for each check that examined an object and found nothing on it, as Kyverno lists its rules' passes (tens of results per object: the reports grow and split accordingly)")
    boolean pass;

    /** The report API, after refusing {@code --report-api}, {@code --report-pass} or {@code --apply} where they mean nothing. */
    PolicyReports.Api api(CommandSpec spec, String format, boolean cluster) {
        if (pass && !format.equals("policyreport")) {
            throw new ParameterException(spec.commandLine(), "--report-pass adds results to policy reports: it needs --format policyreport");
        }
        if (apply && !format.equals("policyreport")) {
            throw new ParameterException(spec.commandLine(), "--apply writes policy reports: it needs --format policyreport");
        }
        if (apply && !cluster) {
            throw new ParameterException(spec.commandLine(), "--apply writes the reports to the cluster that was read: it needs --cluster");
        }
        if (reportApi == null) {
            return PolicyReports.Api.WGPOLICY;
        }
        if (!format.equals("policyreport")) {
            throw new ParameterException(spec.commandLine(),
                    "--report-api is an option of --format policyreport, not of --format " + format);
        }
        try {
            return PolicyReports.Api.parse(reportApi);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Where {@code --apply} writes reports of {@code api} of the set {@code name}. */
    static ReportWriter.Target target(PolicyReports.Api api, String name) {
        return new ReportWriter.Target(api.group, api.version, api.plural, api.kind, api.clusterPlural, api.clusterKind,
                PolicyReports.selector(name));
    }

    /**
     * Writes the reports of {@code report} to the cluster ({@code --apply}) and says what changed on
     * standard error; false (said on {@code err}, exit code 2) when the cluster refused.
     *
     * @param name the report set ({@link PolicyReports#NAME} for scan)
     * @param namespace the {@code -n} of the scan: only that namespace's reports are written and pruned
     */
    boolean write(ClusterOptions cluster, PolicyReports.Api api, String name, ScanReport report, RenderOptions options,
            Instant time, String namespace, PrintWriter err) {
        List<ObjectNode> reports = new PolicyReports(api, time, name).withPasses(pass).build(report, options);
        if (namespace != null) {
            int before = reports.size();
            reports = reports.stream().filter(r -> namespace.equals(r.path("metadata").path("namespace").asText(null)))
                    .toList();
            if (reports.size() < before) {
                err.println("note: with -n " + namespace + " only the reports of namespace " + namespace
                        + " are written; the " + api.clusterKind + " (cluster-scoped objects, kinds not read) is left as it is");
            }
        }
        try (ClusterConnection connection = cluster.connect()) {
            ReportWriter.Result result = new ReportWriter(connection, target(api, name), cluster.requestTimeout)
                    .apply(reports, namespace);
            err.println(connection.sourceName() + ": applied " + result.applied() + " " + (result.applied() == 1 ? "report" : "reports")
                    + " (" + result.changed() + " changed, " + (result.applied() - result.changed()) + " unchanged), deleted "
                    + result.deleted() + " stale");
            err.flush();
            return true;
        } catch (ReportWriter.WriteException | ClusterConnection.ClusterException e) {
            err.println(e.getMessage());
            err.flush();
            return false;
        }
    }
}
