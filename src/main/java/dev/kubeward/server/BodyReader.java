package dev.kubeward.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body into memory, at most {@code max} bytes, without blocking a thread while the
 * bytes trickle in (Jetty's read and demand). It replaces Jetty's
 * {@code Content.Source.asByteArrayAsync}, which on a body over the limit first completes its
 * promise (whose handler answers 413 and so completes the request) and then fails the source
 * of the request that is no longer there: a {@code NullPointerException} in
 * {@code HttpChannelState$ChannelRequest.fail} that Jetty logs as "Serialized invocation error".
 * Here the reader only stops reading: what is left of the body is Jetty's to discard when the
 * response completes (it closes the connection when the rest cannot be consumed).
 *
 * <p>Once the future is complete (the body, a failure, or a deadline that someone else put on
 * it), nothing more is read.
 */
final class BodyReader implements Runnable {

    /** The body passed the limit. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(int max) {
            super("the body is larger than the limit of " + max + " bytes", null, false, false);
        }
    }

    private final Content.Source source;
    private final int max;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] buffer;
    private int size;

    private BodyReader(Content.Source source, int max) {
        this.source = source;
        this.max = max;
        long declared = source.getLength();
        this.buffer = new byte[declared >= 0 && declared <= max ? (int) declared : Math.min(max, 16 * 1024)];
    }

    /** Starts reading; the future completes with the body, {@link TooLarge}, or the source's failure. */
    static CompletableFuture<byte[]> read(Content.Source source, int max) {
        BodyReader reader = new BodyReader(source, max);
        reader.run();
        return reader.result;
    }

    @Override
    public void run() {
        // Jetty serializes demand callbacks: this never runs twice at once.
        try {
            while (!result.isDone()) {
                Content.Chunk chunk = source.read();
                if (chunk == null) {
                    source.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    result.completeExceptionally(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                int n = bytes.remaining();
                if (n > max - size) {
                    chunk.release();
                    result.completeExceptionally(new TooLarge(max));
                    return;
                }
                if (size + n > buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max((long) buffer.length * 2, size + n)));
                }
                bytes.get(buffer, size, n);
                size += n;
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    result.complete(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
                    return;
                }
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }
}
