package dev.kubeward.runtime.detections;

import dev.kubeward.netpol.IpRange;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditStage;
import dev.kubeward.check.Severity;
import dev.kubeward.runtime.AlertSink;
import dev.kubeward.runtime.Allow;
import dev.kubeward.runtime.AuditEvent;
import dev.kubeward.runtime.Detection;
import dev.kubeward.runtime.DetectionContext;
import dev.kubeward.runtime.DetectionInfo;
import dev.kubeward.runtime.Events;
import java.util.List;
import java.util.Set;

@DetectionInfo(id = "serviceaccount-unexpected-source", title = "Service account token used from an unexpected place",
        severity = Severity.HIGH,
        description = "A request authenticated as a service account whose source address is outside "
                + "runtime.clusterCIDRs (when they are configured: the nodes' and pods' ranges), or whose user agent "
                + "is an interactive tool (runtime.interactiveUserAgents: kubectl, curl, wget, python-requests, "
                + "Postman, HTTPie, k9s): a token taken out of a pod and used by a person. All source addresses are "
                + "judged, since the first ones come from X-Forwarded-For. One alert per account, address and "
                + "user agent per hour of event time.",
        response = "Find where the token was taken from (the pod that mounts it) and rotate it: delete the Secret of a "
                + "legacy token, or the pod of a bound one.",
        mitre = {"T1550.001", "T1528"}, level = AuditLevel.METADATA,
        stages = {AuditStage.RESPONSE_STARTED, AuditStage.RESPONSE_COMPLETE})
public final class ServiceAccountUnexpectedSource implements Detection {
    private final Map<String, Instant> lastAlert = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > 10_000;
        }
    };

    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (!e.user().isServiceAccount()) {
            return;
        }
        String reason = null;
        List<IpRange> cluster = context.runtime().clusterCIDRs();
        if (!cluster.isEmpty()) {
            for (String ip : e.sourceIPs()) {
                IpRange a = parse(ip);
                if (a == null || cluster.stream().noneMatch(r -> r.contains(a))) {
                    reason = "from " + ip + ", outside the cluster's ranges";
                    break;
                }
            }
        }
        if (reason == null) {
            for (String prefix : context.runtime().interactiveUserAgents()) {
                if (e.userAgent().startsWith(prefix)) {
                    reason = "with the user agent of an interactive tool (" + e.userAgent() + ")";
                    break;
                }
            }
        }
        if (reason == null) {
            return;
        }
        String key = e.user().username() + '\u0000' + String.join(",", e.sourceIPs()) + '\u0000' + e.userAgent();
        Instant t = e.instant();
        Instant last = lastAlert.get(key);
        if (last != null && t != null && t.isBefore(last.plusSeconds(3600))) {
            return;
        }
        lastAlert.put(key, t == null ? Instant.EPOCH : t);
        sink.alert("the token of service account " + e.user().serviceAccount() + " was used " + reason + ": " + e.verb() + " "
                + (e.objectRef() == null ? Events.path(e) : e.objectRef().describe()));
    }

    private static IpRange parse(String ip) {
        try {
            return IpRange.parseAddress(ip);
        } catch (IllegalArgumentException bad) {
            return null;
        }
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.serviceAccount("get", "", "secrets", "shop", "db-credentials", AuditLevel.METADATA),
                Watch.serviceAccount("list", "", "pods", "shop", null, AuditLevel.METADATA));
    }
}
