package dev.kubeward.rbac;

/** An RBAC object the parser could not read fully; {@code path} points at the offending field. */
public record ParseProblem(Object source, String path, String message) {}
