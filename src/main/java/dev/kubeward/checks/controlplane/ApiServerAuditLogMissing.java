package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;
import dev.kubeward.controlplane.Setting;
import java.util.Map;
import java.util.Optional;

@CheckInfo(
        id = "apiserver-audit-log-missing",
        title = "API server audit log missing or short-lived",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "kube-apiserver has no --audit-log-path (and no --audit-webhook-config-file), or keeps its log "
                + "less than 30 days, in fewer than 10 files, or rotates it below 100 MB.",
        rationale = "Without an audit trail nobody can tell who read a secret or created a privileged pod; a log "
                + "rotated away within days is gone before an incident is noticed.",
        remediation = "Set --audit-log-path, --audit-log-maxage=30, --audit-log-maxbackup=10 and "
                + "--audit-log-maxsize=100 (or ship the log elsewhere and say so in an exemption).",
        cis = {"1.2.16", "1.2.17", "1.2.18", "1.2.19"},
        nsaCisa = "Audit logging and threat detection: logging",
        mitre = "T1562.008")
public final class ApiServerAuditLogMissing extends ComponentCheck {
    /** The CIS minimums: days kept, files kept, megabytes before rotation. */
    private static final Map<String, Integer> MINIMUMS = Map.of(
            "audit-log-maxage", 30, "audit-log-maxbackup", 10, "audit-log-maxsize", 100);

    public ApiServerAuditLogMissing() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        if (!c.flags().isSet("audit-log-path")) {
            if (!c.flags().isSet("audit-webhook-config-file")) {
                sink.report(c.at(), c.describe() + ": no audit log is written (--audit-log-path is not set)");
            }
            return;
        }
        for (String flag : new String[] {"audit-log-maxage", "audit-log-maxbackup", "audit-log-maxsize"}) {
            Optional<Setting> s = c.flags().effective(flag);
            int minimum = MINIMUMS.get(flag);
            Integer value = s.map(ApiServerAuditLogMissing::integer).orElse(null);
            if (value == null || value < minimum) {
                sink.report(c.where(flag), Severity.LOW,
                        c.describe() + ": --" + flag + (s.isEmpty() || s.get().isDefault() ? " is not set"
                                : "=" + s.get().value()) + ", below the recommended " + minimum);
            }
        }
    }

    private static Integer integer(Setting s) {
        try {
            return Integer.parseInt(s.value());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
