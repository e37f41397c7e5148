package dev.kubeward.rbac;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A subject allowed a request, with every binding → role → rule that allows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubjectAccess(String kind, String name, String namespace, List<Via> via) {

    public SubjectAccess {
        via = List.copyOf(via);
    }

    @JsonIgnore
    public Subject subject() {
        return new Subject(kind, name, namespace);
    }
}
