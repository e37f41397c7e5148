package dev.kubeward.checks.controlplane;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeProxyMetrics;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "kube-proxy-metrics-bind-address",
        title = "kube-proxy metrics served on every interface",
        severity = Severity.MEDIUM,
        category = "Kube-proxy",
        description = "kube-proxy's metricsBindAddress (--metrics-bind-address) is not a loopback address, in a "
                + "KubeProxyConfiguration, the kube-proxy ConfigMap's embedded configuration, a kube-proxy container's "
                + "flags or a k3s/RKE2 kube-proxy-arg. Unset or empty means 127.0.0.1:10249, which passes.",
        rationale = "The metrics endpoint has no authentication; bound to the node's addresses it tells any pod or "
                + "host on the network the cluster's services, endpoints and proxy rules.",
        remediation = "Remove metricsBindAddress or set it to 127.0.0.1:10249 (scrape through a local proxy if needed).",
        cis = "4.3.1",
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1046")
public final class KubeProxyMetricsBindAddress implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        for (KubeProxyMetrics.Address a : KubeProxyMetrics.of(resource)) {
            if (!KubeProxyMetrics.isLoopback(a.value())) {
                sink.report(a.path(), a.where() + ": kube-proxy serves its unauthenticated metrics on " + a.value()
                        + ", not only on loopback");
            }
        }
    }
}
