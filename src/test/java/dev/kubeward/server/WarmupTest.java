package dev.kubeward.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The warm-up before ready: reviews of the bundled examples as the API server would send them,
 * answered by the engine until the number or the time runs out, and nothing when it is off.
 */
class WarmupTest {
    static List<Resource> examples() {
        LoadResult loaded = new ManifestLoader().load(List.of("examples/hardened/web.yaml", "examples/hardened/jobs.yaml",
                "examples/insecure/web.yaml", "examples/insecure/jobs.yaml"));
        assertThat(loaded.errors()).isEmpty();
        return loaded.resources();
    }

    @Test
    void theReviewsAreWhatTheApiServerSendsForEachObject() throws Exception {
        List<Resource> objects = examples();
        List<byte[]> reviews = Warmup.reviews(objects);
        assertThat(reviews).hasSize(2 * objects.size());
        AdmissionReview.Parsed create = null;
        AdmissionReview.Parsed update = null;
        for (byte[] body : reviews) {
            AdmissionReview.Parsed p = AdmissionReview.parse(body); // each is a well-formed review
            assertThat(p.request().dryRun()).isTrue();
            assertThat(p.request().userInfo().username()).isEqualTo(Warmup.USER);
            if (p.request().kind().kind().equals("Deployment")) {
                if (p.request().operation().equals("CREATE") && create == null) {
                    create = p;
                } else if (p.request().operation().equals("UPDATE") && update == null) {
                    update = p;
                }
            }
        }
        assertThat(create).isNotNull();
        assertThat(create.request().resource()).isEqualTo(new dev.kubeward.policy.AdmissionRequest.Gvr("apps", "v1", "deployments"));
        assertThat(create.request().kind().group()).isEqualTo("apps");
        assertThat(create.request().namespace()).isEqualTo(create.request().object().path("metadata").path("namespace").asText())
                .isNotEmpty();
        assertThat(create.request().oldObject()).isNull();
        assertThat(update.request().oldObject()).isEqualTo(update.request().object());
    }

    @Test
    void itStopsAfterTheNumberOfReviewsAndAnswersThemAll() throws Exception {
        AdmissionEngine engine = Reviews.engine(null);
        Warmup.Result r = Warmup.start(() -> engine, Warmup.reviews(examples()), Duration.ofMinutes(10), 300, 2, System::nanoTime)
                .get(5, TimeUnit.MINUTES);
        assertThat(r.reviews()).isEqualTo(300);
        assertThat(r.failures()).isZero();
        // The insecure examples are denied, the hardened ones allowed: both paths were run.
        assertThat(r.denied()).isPositive().isLessThan(300);
    }

    @Test
    void itStopsWhenTheTimeIsUp() throws Exception {
        AdmissionEngine engine = Reviews.engine(null);
        AtomicLong now = new AtomicLong();
        // A clock that moves 1 ms each time it is read: the one thread reads it once per review.
        Warmup.Result r = Warmup.start(() -> engine, Warmup.reviews(examples()), Duration.ofMillis(50), Long.MAX_VALUE, 1,
                () -> now.addAndGet(1_000_000)).get(5, TimeUnit.MINUTES);
        assertThat(r.reviews()).isEqualTo(49);
        assertThat(r.took()).isEqualTo(Duration.ofMillis(51)); // read once more when the thread ends
    }

    @Test
    void zeroSecondsOrNoReviewsIsNoWarmup() throws Exception {
        AdmissionEngine engine = Reviews.engine(null);
        assertThat(Warmup.start(() -> engine, Warmup.reviews(examples()), Duration.ZERO, 1000, 2, System::nanoTime))
                .isCompletedWithValue(new Warmup.Result(0, 0, 0, Duration.ZERO));
        assertThat(Warmup.start(() -> engine, List.of(), Duration.ofSeconds(20), 1000, 2, System::nanoTime))
                .isCompletedWithValue(new Warmup.Result(0, 0, 0, Duration.ZERO));
    }
}
