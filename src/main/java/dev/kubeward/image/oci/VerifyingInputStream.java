package dev.kubeward.image.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A blob read through its digest: every byte read is digested, and at the end of the stream the
 * digest and the size must be those the descriptor gives, else the read fails with
 * {@link BlobMismatchException}. The reader of a layer drains the stream to its end, so a layer is
 * always verified whole, including the bytes after the tar's end-of-archive blocks.
 */
final class VerifyingInputStream extends FilterInputStream {
    private final Digest expected;
    private final long expectedSize;
    private final String name;
    private final MessageDigest md;
    private long count;
    private boolean checked;

    /** @param expectedSize the descriptor's size, or -1 when none is given (a docker-archive layer) */
    VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String name) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.name = name;
        this.md = expected.newMessageDigest();
    }

    /** Raised at the end of a blob whose bytes are not those its digest names. */
    static final class BlobMismatchException extends IOException {
        private static final long serialVersionUID = 1L;

        BlobMismatchException(String message) {
            super(message);
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            end();
        } else {
            md.update((byte) b);
            count++;
            tooLong();
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n < 0) {
            end();
        } else {
            md.update(buf, off, n);
            count += n;
            tooLong();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        int r = read(buf, 0, buf.length);
        return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void tooLong() throws IOException {
        if (expectedSize >= 0 && count > expectedSize) {
            throw new BlobMismatchException(name + ": more than the " + expectedSize + " bytes its descriptor gives");
        }
    }

    private void end() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        if (expectedSize >= 0 && count != expectedSize) {
            throw new BlobMismatchException(name + ": " + count + " bytes, but its descriptor gives " + expectedSize);
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (!actual.equals(expected.hex())) {
            throw new BlobMismatchException(name + ": content digest is " + expected.algorithm() + ":" + actual
                    + ", not " + expected + " as the manifest says: the blob is corrupt or was tampered with");
        }
    }

    /** Reads to the end (verifying) without keeping anything. */
    void drain() throws IOException {
        byte[] buf = new byte[65536];
        while (read(buf, 0, buf.length) >= 0) {
            // digesting
        }
    }
}
