package dev.kubeward.checks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "apiservice-insecure-tls",
        title = "Aggregated API server not verified",
        severity = Severity.MEDIUM,
        category = "Admission control",
        description = "An APIService (apiregistration.k8s.io) that sends its API group to a Service sets "
                + "spec.insecureSkipTLSVerify: true, so kube-apiserver does not check the certificate of the aggregated "
                + "server it forwards requests to. APIServices served locally (no spec.service) are skipped.",
        rationale = "kube-apiserver forwards the caller's requests, with the user's name and groups in headers, to "
                + "whatever answers on the Service: whoever can take over its endpoints or intercept its traffic reads "
                + "those requests and forges the answers (metrics that drive autoscaling, or a whole API group).",
        remediation = "Set spec.caBundle to the CA of the aggregated server's serving certificate (cert-manager's "
                + "cainjector can inject it) and remove insecureSkipTLSVerify.",
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = {"T1557"})
public final class ApiServiceInsecureTls implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (!r.kind().equals("APIService") || !r.group().equals("apiregistration.k8s.io")) {
            return;
        }
        JsonNode spec = r.object().path("spec");
        if (Json.isTrue(spec.get("insecureSkipTLSVerify")) && Json.field(spec, "service") != null) {
            JsonNode service = spec.path("service");
            sink.report(JsonPath.of("spec", "insecureSkipTLSVerify"), "APIService " + r.name() + " forwards to Service "
                    + Json.goString(service, "namespace") + "/" + Json.goString(service, "name")
                    + " without verifying its certificate (insecureSkipTLSVerify: true)");
        }
    }
}
