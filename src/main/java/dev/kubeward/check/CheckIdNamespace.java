package dev.kubeward.check;

import dev.kubeward.model.Inventory;
import java.util.Set;

/**
 * A family of check ids that an engine derives from the objects of a scan rather than from a
 * check class: {@code vap:NAME} for the ValidatingAdmissionPolicies an admission engine
 * evaluates, say. Exemptions may name such ids; {@link CheckIds} validates them against the names
 * this namespace reports for the scan's inventory, so that a typo in {@code vap:requre-labels}
 * is reported like a typo in a built-in id. Implementations register themselves in
 * {@code META-INF/services/dev.kubeward.check.CheckIdNamespace}.
 */
public interface CheckIdNamespace {
    /** The prefix before the colon: {@code vap} for {@code vap:NAME}; a lowercase slug. */
    String prefix();

    /** What the names are, for messages: "the names of the ValidatingAdmissionPolicies scanned". */
    String describe();

    /** The names (after the colon) that exist in this scan. */
    Set<String> names(Inventory inventory);
}
