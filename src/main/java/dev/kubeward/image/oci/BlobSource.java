package dev.kubeward.image.oci;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Where an image's files are: an OCI image layout directory, or a tar archive of one (or of a
 * {@code docker save}), read in place. An archive is indexed once ({@link TarFile}, random access
 * to each entry) and never unpacked.
 */
abstract class BlobSource implements Closeable {
    /** The name of the source in messages ({@code image.tar}, {@code layout/}). */
    abstract String name();

    /** Opens a file of the source by its path inside it ({@code index.json}, {@code blobs/sha256/…}). */
    abstract InputStream open(String path) throws IOException;

    abstract boolean exists(String path);

    /** The path of a blob in an OCI layout. */
    static String blobPath(Digest d) {
        return "blobs/" + d.algorithm() + "/" + d.hex();
    }

    static BlobSource directory(Path dir) {
        return new Dir(dir);
    }

    static BlobSource archive(Path file) throws IOException {
        return new Archive(file);
    }

    private static final class Dir extends BlobSource {
        private final Path dir;

        Dir(Path dir) {
            this.dir = dir;
        }

        @Override
        String name() {
            return dir.toString();
        }

        @Override
        InputStream open(String path) throws IOException {
            Path p = resolve(path);
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(path);
            }
            return Files.newInputStream(p);
        }

        private Path resolve(String path) throws IOException {
            Path p = dir.resolve(path).normalize();
            if (!p.startsWith(dir.normalize())) {
                throw new IOException(path + " is outside the layout");
            }
            return p;
        }

        @Override
        boolean exists(String path) {
            try {
                return Files.isRegularFile(resolve(path));
            } catch (IOException e) {
                return false;
            }
        }


        @Override
        public void close() {
            // nothing held
        }
    }

    private static final class Archive extends BlobSource {
        private final Path file;
        private final TarFile tar;
        private final java.nio.channels.FileChannel channel;
        private final Map<String, TarArchiveEntry> entries = new HashMap<>();

        Archive(Path file) throws IOException {
            this.file = file;
            this.tar = new TarFile(file);
            this.channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ);
            for (TarArchiveEntry e : tar.getEntries()) {
                if (e.isFile()) {
                    entries.put(normalize(e.getName()), e);
                }
            }
        }

        private static String normalize(String name) {
            String n = name;
            while (n.startsWith("./")) {
                n = n.substring(2);
            }
            while (n.startsWith("/")) {
                n = n.substring(1);
            }
            return n;
        }

        @Override
        String name() {
            return file.toString();
        }

        @Override
        InputStream open(String path) throws IOException {
            TarArchiveEntry e = entries.get(normalize(path));
            if (e == null) {
                throw new NoSuchFileException(path);
            }
            if (e.isSparse()) {
                // Never in an image archive as docker and skopeo write them. The tar's stream positions its shared channel
                // at each read, so reads are serialised on the archive and several such entries may still be read at once.
                InputStream in = tar.getInputStream(e);
                Object lock = this;
                return new java.io.FilterInputStream(in) {
                    @Override
                    public int read() throws IOException {
                        synchronized (lock) {
                            return super.read();
                        }
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        synchronized (lock) {
                            return super.read(b, off, len);
                        }
                    }

                    @Override
                    public long skip(long n) throws IOException {
                        synchronized (lock) {
                            return super.skip(n);
                        }
                    }
                };
            }
            // Positional reads of the entry's bytes (FileChannel.read(buffer, position) does not move a shared position):
            // several layers of one archive are read at once (Image.walk with threads).
            return new EntryStream(channel, e.getDataOffset(), e.getSize());
        }

        @Override
        boolean exists(String path) {
            return entries.containsKey(normalize(path));
        }


        @Override
        public void close() throws IOException {
            try (channel) {
                tar.close();
            }
        }
    }

    /** The bytes [offset, offset + size) of a file, by positional reads: any number may be read at once. */
    static final class EntryStream extends InputStream {
        private final java.nio.channels.FileChannel channel;
        private long position;
        private final long end;

        EntryStream(java.nio.channels.FileChannel channel, long offset, long size) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            int want = (int) Math.min(len, end - position);
            int n = channel.read(java.nio.ByteBuffer.wrap(b, off, want), position);
            if (n < 0) {
                throw new java.io.EOFException("the archive ends " + (end - position) + " bytes before the entry does");
            }
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long s = Math.max(0, Math.min(n, end - position));
            position += s;
            return s;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }
    }
}
