package dev.kubeward.runtime;

import dev.kubeward.model.InputError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a reader produced: the events and the errors, in order. Thread-safe for follow tests. */
final class Collected implements EventSink {
    final List<AuditEvent> events = new ArrayList<>();
    final List<InputError> errors = new ArrayList<>();

    @Override
    public synchronized void event(AuditEvent event) {
        events.add(event);
    }

    @Override
    public synchronized void error(InputError error) {
        errors.add(error);
    }

    synchronized int eventCount() {
        return events.size();
    }

    synchronized List<String> ids() {
        return events.stream().map(AuditEvent::auditID).toList();
    }

    synchronized List<String> errorLines() {
        return errors.stream().map(InputError::toString).toList();
    }

    static Collected read(String name, String text) throws IOException {
        return read(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static Collected read(String name, InputStream in) throws IOException {
        Collected c = new Collected();
        new AuditLogReader().read(name, in, c);
        return c;
    }

    static Collected read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        }
    }
}
