package dev.kubeward.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.AdmissionRequest;
import dev.kubeward.policy.offline.ResourceMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Synthetic reviews answered before {@code /readyz} says ready, so that the JIT has compiled the
 * engine before the API server sends the first real one (on 2 cores the first minute of a cold
 * server was slow reviews: C2 compiling thousands of methods). The reviews are CREATE and UPDATE
 * of bundled example objects (and {@code /mutate}'s, when it patches), answered by the engine in
 * force through the same parse, decide and write as a real review, without metrics (not
 * counted), without side effects (the engine has none), on one thread per core, until the time
 * or the number of reviews runs out.
 */
public final class Warmup {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Who asks, in the synthetic reviews: no exemption by user or group applies to it. */
    static final String USER = "kubeward-warmup";
    /** The namespace of an object that has none (a namespaced kind). */
    static final String NAMESPACE = "kubeward-warmup";

    /** What the warm-up did: reviews answered, those that failed (an engine error: none expected), how long. */
    public record Result(long reviews, long denied, long failures, Duration took) {}

    private Warmup() {}

    /**
     * AdmissionReviews as the API server would send them for {@code objects}: a CREATE of each,
     * and an UPDATE of each over itself (old object and new), with the resource of its kind.
     */
    public static List<byte[]> reviews(List<Resource> objects) {
        ResourceMapping mapping = new ResourceMapping(objects);
        List<byte[]> out = new ArrayList<>();
        int n = 0;
        for (Resource r : objects) {
            String version = r.apiVersion().substring(r.apiVersion().indexOf('/') + 1);
            AdmissionRequest.Gvk kind = new AdmissionRequest.Gvk(r.group(), version, r.kind());
            ResourceMapping.Mapped mapped = mapping.map(kind);
            String namespace = !mapped.namespaced() ? null : r.namespace() != null ? r.namespace() : NAMESPACE;
            for (String operation : List.of("CREATE", "UPDATE")) {
                out.add(bytes(review("warmup-" + (++n), operation, kind, mapped.resource(), namespace, r.object())));
            }
        }
        return List.copyOf(out);
    }

    private static ObjectNode review(String uid, String operation, AdmissionRequest.Gvk kind, AdmissionRequest.Gvr resource,
            String namespace, JsonNode object) {
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", "admission.k8s.io/v1");
        root.put("kind", "AdmissionReview");
        ObjectNode req = root.putObject("request");
        req.put("uid", uid);
        ObjectNode k = req.putObject("kind");
        k.put("group", kind.group());
        k.put("version", kind.version());
        k.put("kind", kind.kind());
        ObjectNode res = req.putObject("resource");
        res.put("group", resource.group());
        res.put("version", resource.version());
        res.put("resource", resource.resource());
        req.set("requestKind", k.deepCopy());
        req.set("requestResource", res.deepCopy());
        req.put("name", object.path("metadata").path("name").asText(""));
        if (namespace != null) {
            req.put("namespace", namespace);
        }
        req.put("operation", operation);
        ObjectNode user = req.putObject("userInfo");
        user.put("username", USER);
        user.putArray("groups").add("system:authenticated");
        req.set("object", object);
        if (operation.equals("UPDATE")) {
            req.set("oldObject", object);
        }
        req.put("dryRun", true);
        return root;
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Answers {@code reviews} round after round on {@code threads} threads until {@code budget}
     * has passed or {@code maxReviews} have been answered, whichever comes first (a zero budget or
     * no reviews: done at once). The future completes when every thread has stopped.
     *
     * @param engine the engine in force (as the endpoints see it)
     * @param nanoTime the clock of the budget ({@code System::nanoTime})
     */
    public static CompletableFuture<Result> start(Supplier<AdmissionEngine> engine, List<byte[]> reviews, Duration budget,
            long maxReviews, int threads, LongSupplier nanoTime) {
        if (reviews.isEmpty() || budget.isZero() || budget.isNegative() || maxReviews <= 0) {
            return CompletableFuture.completedFuture(new Result(0, 0, 0, Duration.ZERO));
        }
        AdmissionEndpoints endpoints = new AdmissionEndpoints(engine, null); // no metrics: not counted
        long start = nanoTime.getAsLong();
        long deadline = start + budget.toNanos();
        AtomicLong answered = new AtomicLong();
        AtomicLong denied = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicInteger running = new AtomicInteger(threads);
        CompletableFuture<Result> done = new CompletableFuture<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread worker = new Thread(() -> {
                try {
                    for (int i = offset; nanoTime.getAsLong() < deadline; i++) {
                        if (answered.incrementAndGet() > maxReviews) {
                            answered.decrementAndGet();
                            break;
                        }
                        byte[] body = reviews.get(i % reviews.size());
                        try {
                            AdmissionReview.Parsed review = AdmissionReview.parse(body);
                            byte[] answer = endpoints.answer(review);
                            if (answer.length > 0 && !JSON.readTree(answer).path("response").path("allowed").asBoolean()) {
                                denied.incrementAndGet();
                            }
                            if (engine.get().mutating()) {
                                endpoints.answerMutation(review);
                            }
                        } catch (Exception | StackOverflowError e) {
                            failures.incrementAndGet();
                        }
                    }
                } finally {
                    if (running.decrementAndGet() == 0) {
                        done.complete(new Result(answered.get(), denied.get(), failures.get(),
                                Duration.ofNanos(nanoTime.getAsLong() - start)));
                    }
                }
            }, "kubeward-serve-warmup-" + (t + 1));
            worker.setDaemon(true);
            worker.start();
        }
        return done;
    }
}
