package dev.kubeward.rbac;

/**
 * Why a subject holds a permission: subject {@code subjectIndex} of {@code binding} grants
 * {@code role}, whose effective rule {@code rule} matches.
 */
public record Grant(Binding binding, int subjectIndex, Role role, EffectiveRule rule) {

    /** The JSON-friendly form. */
    public Via toVia() {
        return new Via(binding.id(), role.key().toString(), ruleLabel(), this);
    }

    /** {@code rules[2]} when the role declares the rule, else {@code ClusterRole/x rules[2]}. */
    public String ruleLabel() {
        Role declaredIn = rule.declaredIn();
        String path = rule.rule().path();
        return declaredIn.key().equals(role.key()) ? path : declaredIn.key() + " " + path;
    }

    /** {@code ClusterRoleBinding/x -> ClusterRole/y rules[1] [get] pods in [""]}. */
    public String describe() {
        return binding.id() + " -> " + role.key() + " " + ruleLabel() + " " + rule.rule().describe();
    }
}
