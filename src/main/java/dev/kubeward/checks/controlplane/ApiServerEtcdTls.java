package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;
import dev.kubeward.controlplane.Setting;
import java.util.List;

@CheckInfo(
        id = "apiserver-etcd-tls",
        title = "API server to etcd connection not secured",
        severity = Severity.HIGH,
        category = "Control plane",
        description = "kube-apiserver lacks --etcd-cafile, --etcd-certfile or --etcd-keyfile (not reported when every "
                + "--etcd-servers is a unix: socket, as k3s's SQLite datastore behind kine).",
        rationale = "etcd holds every object and secret of the cluster; without mutual TLS the connection can be "
                + "read or impersonated, and etcd cannot require client certificates.",
        remediation = "Set --etcd-cafile, --etcd-certfile and --etcd-keyfile, and run etcd with "
                + "--client-cert-auth=true.",
        cis = {"1.2.23", "1.2.26"},
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1557")
public final class ApiServerEtcdTls extends ComponentCheck {
    public ApiServerEtcdTls() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        // A datastore reached only over a local socket (k3s's kine in front of SQLite) has no TLS to configure.
        List<String> servers = c.flags().explicit("etcd-servers").map(Setting::values).orElse(List.of());
        if (!servers.isEmpty() && servers.stream().allMatch(s -> s.startsWith("unix:"))) {
            return;
        }
        reportIfUnset(c, "etcd-cafile", sink, "etcd's certificate is not verified");
        reportIfUnset(c, "etcd-certfile", sink, "the API server does not authenticate to etcd");
        reportIfUnset(c, "etcd-keyfile", sink, "the API server does not authenticate to etcd");
    }
}
