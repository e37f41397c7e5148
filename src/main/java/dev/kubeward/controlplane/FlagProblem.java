package dev.kubeward.controlplane;

import dev.kubeward.model.JsonPath;

/** A command line the binary would read differently from how it looks, or refuse. */
public record FlagProblem(JsonPath path, String message) {}
