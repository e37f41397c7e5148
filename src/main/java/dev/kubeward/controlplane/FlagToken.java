package dev.kubeward.controlplane;

import dev.kubeward.model.JsonPath;

/** One word of a command line and where it was written (a command or args entry, a unit-file line). */
public record FlagToken(String text, JsonPath path) {}
