package dev.kubeward.server;

import dev.kubeward.check.AdmissionModes;
import dev.kubeward.policy.AdmissionRequest;
import java.util.List;
import java.util.function.Supplier;

/**
 * The admission webhook's endpoints over an {@link AdmissionEngine}: {@code /validate} answers an
 * AdmissionReview with the engine's decision. A body that is not a review the API server would
 * send gets 400 with the reason (the server already answered 415 for another content type and
 * 413 for a body over the limit).
 */
public final class AdmissionEndpoints {
    private final Supplier<AdmissionEngine> engine;
    private final ServeMetrics metrics;

    public AdmissionEndpoints(AdmissionEngine engine) {
        this(() -> engine, null);
    }

    /**
     * @param engine the engine in force (a {@link Reloading} one when the policies are reloaded)
     * @param metrics where requests and violations are counted, or null
     */
    public AdmissionEndpoints(Supplier<AdmissionEngine> engine, ServeMetrics metrics) {
        this.engine = engine;
        this.metrics = metrics;
    }

    public Route validateRoute() {
        return Route.postJson("/validate", this::validate);
    }

    /**
     * The one warning of {@code /mutate} while {@code admission.mutate} is off: a
     * MutatingWebhookConfiguration points here, but the configuration asks for no defaults. A 404
     * would fail every request the webhook matches under {@code failurePolicy: Fail} (and hide the
     * mistake in the API server's log under {@code Ignore}); allowing silently would hide it
     * altogether. The warning tells whoever applies an object, and the metrics count it as
     * {@code disabled}.
     */
    static final String MUTATION_OFF = "kubeward: /mutate is called but admission.mutate is off in kubeward's "
            + "configuration: no secure defaults were added";

    /** {@code /mutate}: always allowed, with the secure defaults as a JSONPatch when {@code admission.mutate} is on. */
    public Route mutateRoute() {
        return Route.postJson("/mutate", this::mutate);
    }

    Route.Reply mutate(Route.Call call) {
        return reviewed(call, this::answerMutation);
    }

    /** A review parsed and answered, or 400 (counted as malformed) when the body is not an AdmissionReview. */
    private Route.Reply reviewed(Route.Call call, java.util.function.Function<AdmissionReview.Parsed, byte[]> answer) {
        AdmissionReview.Parsed review;
        try {
            review = AdmissionReview.parse(call.body());
        } catch (AdmissionReview.Malformed e) {
            if (metrics != null) {
                metrics.malformed();
            }
            return Route.Reply.text(400, "malformed AdmissionReview: " + e.getMessage());
        }
        return Route.Reply.json(200, answer.apply(review));
    }

    /** The response of {@code /mutate} for a parsed review. */
    public byte[] answerMutation(AdmissionReview.Parsed review) {
        AdmissionRequest req = review.request();
        long start = System.nanoTime();
        AdmissionEngine current = engine.get();
        AdmissionEngine.Mutated m = current.mutate(req);
        boolean off = m.exemption() == null && !current.mutating();
        if (metrics != null) {
            String decision = m.exemption() != null ? "exempt" : off ? "disabled" : m.mutation().isEmpty() ? "unpatched" : "patched";
            metrics.request("mutate", req.operation(), req.kind().kind(), decision, req.dryRun(), System.nanoTime() - start);
        }
        com.fasterxml.jackson.databind.node.ArrayNode patch = null;
        if (!m.mutation().isEmpty()) {
            patch = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            patch.addAll(m.mutation().patch());
        }
        AdmissionReview.Response response = new AdmissionReview.Response(true, 200, null, null,
                off ? List.of(MUTATION_OFF) : m.mutation().warnings(),
                m.exemption() == null ? java.util.Map.of() : java.util.Map.of("exempt", m.exemption()), patch);
        return AdmissionReview.write(review, response);
    }

    Route.Reply validate(Route.Call call) {
        return reviewed(call, this::answer);
    }

    /** The response document for a parsed review (also what {@code --dry-run-review} prints). */
    public byte[] answer(AdmissionReview.Parsed review) {
        AdmissionRequest req = review.request();
        long start = System.nanoTime();
        AdmissionEngine.Decision d = engine.get().decide(req);
        if (metrics != null) {
            String decision = d.exemption() != null ? "exempt" : !d.allowed() ? "denied" : d.warnings().isEmpty() ? "allowed" : "warned";
            metrics.request("validate", req.operation(), req.kind().kind(), decision, req.dryRun(), System.nanoTime() - start);
            if (!req.dryRun()) {
                for (AdmissionEngine.Violation v : d.violations()) {
                    for (AdmissionModes.Mode m : v.modes()) {
                        metrics.violation(v.id(), v.existing() && m == AdmissionModes.Mode.ENFORCE ? "warn" : m.label());
                    }
                }
            }
        }
        AdmissionReview.Response response = new AdmissionReview.Response(d.allowed(), d.allowed() ? 200 : 403,
                d.allowed() ? null : "Forbidden", d.message(), d.warnings(), d.auditAnnotations(), null);
        return AdmissionReview.write(review, response);
    }
}
