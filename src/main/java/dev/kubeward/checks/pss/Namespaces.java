package dev.kubeward.checks.pss;

import dev.kubeward.model.Resource;

/** Which objects are built-in Namespaces (a CRD may be called Namespace too). */
final class Namespaces {
    private Namespaces() {}

    static boolean isNamespace(Resource r) {
        return r.kind().equals("Namespace") && r.apiVersion().equals("v1");
    }
}
