package dev.kubeward.audit;

import dev.kubeward.model.JsonPath;

/** Something in a policy file the API server would reject, with where it is. */
public record PolicyProblem(JsonPath path, String message) {}
