package dev.kubeward.server;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A value rebuilt when its sources change (the CEL policies of POLICY-DIRS): {@link #check} compares
 * a cheap fingerprint of the sources with the last one and, when it differs, builds a new value;
 * a build that fails keeps the value in force, so that a broken edit never empties the webhook.
 * Readers get the value in force with {@link #get}, which never blocks.
 */
public final class Reloading<T> implements Supplier<T> {

    /** Builds the value; a {@link Failure} says why it cannot be built from the sources as they are. */
    @FunctionalInterface
    public interface Loader<T> {
        T load() throws Failure;
    }

    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final AtomicReference<T> current;
    private final Supplier<String> fingerprint;
    private final Loader<T> loader;
    private final Consumer<T> onLoaded;
    private final Consumer<String> onFailure;
    private String seen;

    public Reloading(T initial, Supplier<String> fingerprint, Loader<T> loader, Consumer<T> onLoaded, Consumer<String> onFailure) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial));
        this.fingerprint = fingerprint;
        this.loader = loader;
        this.onLoaded = onLoaded;
        this.onFailure = onFailure;
        this.seen = fingerprint.get();
    }

    @Override
    public T get() {
        return current.get();
    }

    /** Rebuilds the value if the sources changed since the last check; true when a new value is in force. */
    public synchronized boolean check() {
        String now = fingerprint.get();
        if (now.equals(seen)) {
            return false;
        }
        seen = now;
        try {
            T value = loader.load();
            current.set(value);
            onLoaded.accept(value);
            return true;
        } catch (Failure e) {
            onFailure.accept(e.getMessage());
            return false;
        }
    }
}
