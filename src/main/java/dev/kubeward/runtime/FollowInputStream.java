package dev.kubeward.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A growing file read as {@code tail -F} reads it: at its end, wait for more; when the name
 * now refers to another file (rotated: a new inode) finish the old one and go on with the new
 * one from its start; when the file became shorter than what was read (truncated, copytruncate
 * rotation) start again from its start; when the file is missing, wait for it to appear. A line
 * cut short by a rotation is ended with a newline, so it is reported as malformed rather than
 * glued to the next file's first line.
 */
public final class FollowInputStream extends InputStream {
    private final Path path;
    private final long pollMillis;
    private final BooleanSupplier stop;
    private FileChannel channel;
    private Object fileKey;
    private long position;
    private byte last = '\n';
    private boolean pendingNewline;

    /**
     * @param stop asked while waiting; true ends the stream (tests, shutdown). A follow that is
     *     never stopped reads until the process ends.
     */
    public FollowInputStream(Path path, long pollMillis, BooleanSupplier stop) {
        this.path = path;
        this.pollMillis = pollMillis;
        this.stop = stop;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (pendingNewline) {
                pendingNewline = false;
                last = '\n';
                b[off] = '\n';
                return 1;
            }
            if (channel == null && !open()) {
                if (stop.getAsBoolean()) {
                    return -1;
                }
                pause();
                continue;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, len));
            if (n > 0) {
                position += n;
                last = b[off + n - 1];
                return n;
            }
            // At the end of what is there: has the name moved on to another file, or been cut?
            BasicFileAttributes now = attributes();
            if (now != null && !Objects.equals(now.fileKey(), fileKey)) {
                channel.close();
                channel = null;
                endLine();
                continue;
            }
            if (now != null && now.size() < position) {
                channel.position(0);
                position = 0;
                endLine();
                continue;
            }
            if (stop.getAsBoolean()) {
                return -1;
            }
            pause();
        }
    }

    private void endLine() {
        if (last != '\n') {
            pendingNewline = true;
        }
    }

    private boolean open() throws IOException {
        try {
            FileChannel c = FileChannel.open(path, StandardOpenOption.READ);
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            channel = c;
            fileKey = a.fileKey();
            position = 0;
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private BasicFileAttributes attributes() throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void pause() throws IOException {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while following " + path);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
