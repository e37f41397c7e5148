package dev.kubeward.policy.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * One Kubernetes CEL library (or one version of it): its function declarations and their
 * implementations, and the Kubernetes versions it is part of the environment for.
 *
 * @param removed the first version without it, or null
 * @param functions the function names it adds, for the documentation and the version check
 */
public record KubeLibrary(String name, CelVersion introduced, CelVersion removed, List<CelFunctionDecl> declarations,
        List<CelFunctionBinding> bindings, List<String> functions) {

    public boolean availableAt(CelVersion v) {
        return v.atLeast(introduced) && (removed == null || !v.atLeast(removed));
    }
}
