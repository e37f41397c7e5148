package dev.kubeward.checks.policy;

import dev.kubeward.check.CheckIdNamespace;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.PolicyReader;
import java.util.LinkedHashSet;
import java.util.Set;

/** The {@code vap:NAME} check ids: one per ValidatingAdmissionPolicy of the scan, for exemptions to name. */
public final class VapCheckIds implements CheckIdNamespace {
    @Override
    public String prefix() {
        return "vap";
    }

    @Override
    public String describe() {
        return "the names of the ValidatingAdmissionPolicies scanned";
    }

    @Override
    public Set<String> names(Inventory inventory) {
        Set<String> names = new LinkedHashSet<>();
        for (Resource r : inventory.ofKind("ValidatingAdmissionPolicy")) {
            if (PolicyReader.isPolicyKind(r.apiVersion(), r.kind()) && r.name() != null) {
                names.add(r.name());
            }
        }
        return names;
    }
}
