package dev.kubeward.policy;

import java.util.Map;

/** The {@code request} variable's value for an admission request, for doors that evaluate expressions directly. */
public final class CelRequest {
    private CelRequest() {}

    public static Map<String, Object> value(AdmissionRequest req) {
        return Activation.requestValue(req, req.resource(), req.kind());
    }
}
