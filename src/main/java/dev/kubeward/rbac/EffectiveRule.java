package dev.kubeward.rbac;

/**
 * A rule a role grants, with the role that declares it. For an aggregated ClusterRole the
 * declaring role is the one the rule was aggregated from, so findings point at real text.
 */
public record EffectiveRule(Rule rule, Role declaredIn) {}
