package dev.kubeward.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.io.content.AsyncContent;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * The request body read into memory: whole, in pieces as they arrive, refused past the limit
 * without failing the source (Jetty's own reader failed the source of a request its 413 had
 * already completed: the NullPointerException in HttpChannelState that verify printed), and a
 * source's failure passed on.
 */
class BodyReaderTest {

    /** A body source that remembers being failed, which the reader must never do. */
    private static final class Source extends AsyncContent {
        final List<Throwable> failedWith = new ArrayList<>();

        @Override
        public void fail(Throwable failure) {
            failedWith.add(failure);
            super.fail(failure);
        }

        @Override
        public void fail(Throwable failure, boolean last) {
            failedWith.add(failure);
            super.fail(failure, last);
        }

        void send(String s, boolean last) {
            write(last, ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
        }
    }

    @Test
    void aBodyArrivingInPiecesIsReadWhole() throws Exception {
        Source source = new Source();
        CompletableFuture<byte[]> body = BodyReader.read(source, 100);
        assertThat(body).isNotDone();
        source.send("{\"a\":", false);
        assertThat(body).isNotDone();
        source.send("1}", true);
        assertThat(new String(body.get(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(source.failedWith).isEmpty();
    }

    @Test
    void aBodyAtTheLimitIsReadAndOnePastItIsRefusedWithoutFailingTheSource() throws Exception {
        Source atLimit = new Source();
        CompletableFuture<byte[]> ok = BodyReader.read(atLimit, 10);
        atLimit.send("12345", false);
        atLimit.send("67890", true);
        assertThat(ok.get()).hasSize(10);

        Source over = new Source();
        CompletableFuture<byte[]> refused = BodyReader.read(over, 10);
        over.send("12345", false);
        over.send("678901", false);
        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(BodyReader.TooLarge.class)
                .hasMessageContaining("larger than the limit of 10 bytes");
        // More bytes after the refusal are not read, and the source is left to Jetty.
        over.send("more", true);
        assertThat(over.failedWith).isEmpty();
    }

    @Test
    void aSourceFailureIsPassedOn() {
        Source source = new Source();
        CompletableFuture<byte[]> body = BodyReader.read(source, 100);
        source.send("{", false);
        java.util.concurrent.TimeoutException slow = new java.util.concurrent.TimeoutException("too slow");
        source.fail(slow);
        assertThatThrownBy(body::get).hasCause(slow);
    }

    @Test
    void aFutureCompletedElsewhereStopsTheReading() {
        Source source = new Source();
        CompletableFuture<byte[]> body = BodyReader.read(source, 100);
        body.completeExceptionally(new java.util.concurrent.TimeoutException("deadline"));
        source.send("{}", true);
        assertThat(body).isCompletedExceptionally();
        assertThat(source.failedWith).isEmpty();
    }
}
