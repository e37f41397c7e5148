package dev.kubeward.model;

/**
 * A mapping key written twice in one YAML mapping. kubectl keeps the last value; the earlier one
 * is silently lost, which is how a hardening setting can be overridden without anyone noticing.
 */
public record DuplicateKey(JsonPath path, Position overridden, Position winner) {}
