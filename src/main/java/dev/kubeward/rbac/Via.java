package dev.kubeward.rbac;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One binding → role → rule chain, as strings for JSON and text output. {@code grant} keeps the
 * parsed objects (and through them the caller's source handles) and is left out of JSON.
 */
public record Via(String binding, String role, String rule, @JsonIgnore Grant grant) {

    @Override
    public String toString() {
        return binding + " -> " + role + " " + rule;
    }
}
