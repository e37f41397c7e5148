package dev.kubeward.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a log as tail -F does: growth, rotation to a new inode, truncation, a missing file. */
class FollowInputStreamTest {
    private static final long WAIT_MS = 20_000;

    private static void append(Path f, String... ids) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String id : ids) {
            sb.append(AuditLogReaderTest.event(id, "ResponseComplete")).append('\n');
        }
        Files.writeString(f, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void awaitEvents(Collected c, int n) throws InterruptedException {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (c.eventCount() < n && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
        assertThat(c.eventCount()).as("events seen in time: %s", c.ids()).isGreaterThanOrEqualTo(n);
    }

    @Test
    void followsGrowthRotationAndTruncation(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("audit.log");
        append(log, "1", "2");
        Collected c = new Collected();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (FollowInputStream in = new FollowInputStream(log, 5, stop::get)) {
                new AuditLogReader().read(log.toString(), in, c);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        reader.start();
        awaitEvents(c, 2);
        append(log, "3");
        awaitEvents(c, 3);
        // A partial line, then rotation as lumberjack does it: rename, new file at the old name.
        Files.writeString(log, "{\"kind\":\"Event\",\"audit", StandardOpenOption.APPEND);
        Thread.sleep(50);
        Files.move(log, dir.resolve("audit-2026-11-30T10-00-00.000.log"));
        Thread.sleep(50);
        append(log, "4", "5");
        awaitEvents(c, 5);
        // copytruncate: the same inode cut to nothing, then written again.
        Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        Thread.sleep(50);
        append(log, "6");
        awaitEvents(c, 6);
        stop.set(true);
        reader.join(WAIT_MS);
        assertThat(reader.isAlive()).isFalse();
        assertThat(c.ids()).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(c.errorLines()).singleElement().asString().contains("not JSON: the text ends inside a JSON value");
    }

    @Test
    void waitsForAFileThatDoesNotExistYet(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("later.log");
        Collected c = new Collected();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (FollowInputStream in = new FollowInputStream(log, 5, stop::get)) {
                new AuditLogReader().read(log.toString(), in, c);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        reader.start();
        Thread.sleep(50);
        append(log, "first");
        awaitEvents(c, 1);
        stop.set(true);
        reader.join(WAIT_MS);
        assertThat(c.ids()).containsExactly("first");
        assertThat(c.errors).isEmpty();
    }
}
