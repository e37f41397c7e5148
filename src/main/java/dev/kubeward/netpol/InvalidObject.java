package dev.kubeward.netpol;

import dev.kubeward.model.FieldError;
import java.util.List;

/**
 * An object the API server would reject, with every validation error it would report. Thrown by
 * {@link ManifestParser#parse}; {@link ManifestParser#parseEach} hands the errors over instead and
 * reads the rest.
 */
public final class InvalidObject extends IllegalArgumentException {
    private final transient List<FieldError> errors;

    public InvalidObject(String object, List<FieldError> errors) {
        super(object + ": " + String.join("; ", errors.stream().map(FieldError::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
