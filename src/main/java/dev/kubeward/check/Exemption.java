package dev.kubeward.check;

import dev.kubeward.model.ObjectRef;

/**
 * A configured exemption: findings of the matching checks on matching objects are kept but
 * marked suppressed, with the reason the team gave. Fields are globs; absent means any.
 */
public record Exemption(String check, String kind, String namespace, String name, String reason) {
    public boolean covers(String checkId, ObjectRef ref) {
        return Glob.matches(check, checkId)
                && Glob.matches(kind, ref.kind())
                && Glob.matches(namespace, ref.namespace())
                && Glob.matches(name, ref.name());
    }
}
