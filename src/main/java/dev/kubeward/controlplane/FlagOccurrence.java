package dev.kubeward.controlplane;

import dev.kubeward.model.JsonPath;

/**
 * One flag as written.
 *
 * @param value the value, or null for a bare boolean flag
 * @param path where the flag's name was written; findings about it point here
 */
public record FlagOccurrence(String name, String value, JsonPath path) {}
