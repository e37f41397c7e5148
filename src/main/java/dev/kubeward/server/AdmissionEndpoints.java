package dev.kubeward.server;

import dev.kubeward.policy.AdmissionRequest;

/**
 * The admission webhook's endpoints over an {@link AdmissionEngine}: {@code /validate} answers an
 * AdmissionReview with the engine's decision. A body that is not a review the API server would
 * send gets 400 with the reason (the server already answered 415 for another content type and
 * 413 for a body over the limit).
 */
public final class AdmissionEndpoints {
    private final AdmissionEngine engine;

    public AdmissionEndpoints(AdmissionEngine engine) {
        this.engine = engine;
    }

    public Route validateRoute() {
        return Route.postJson("/validate", this::validate);
    }

    Route.Reply validate(Route.Call call) {
        AdmissionReview.Parsed review;
        try {
            review = AdmissionReview.parse(call.body());
        } catch (AdmissionReview.Malformed e) {
            return Route.Reply.text(400, "malformed AdmissionReview: " + e.getMessage());
        }
        return Route.Reply.json(200, answer(review));
    }

    /** The response document for a parsed review (also what {@code --dry-run-review} prints). */
    public byte[] answer(AdmissionReview.Parsed review) {
        AdmissionRequest req = review.request();
        AdmissionEngine.Decision d = engine.decide(req);
        AdmissionReview.Response response = new AdmissionReview.Response(d.allowed(), d.allowed() ? 200 : 403,
                d.allowed() ? null : "Forbidden", d.message(), d.warnings(), d.auditAnnotations(), null);
        return AdmissionReview.write(review, response);
    }
}
