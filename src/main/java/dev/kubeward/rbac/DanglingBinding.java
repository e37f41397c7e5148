package dev.kubeward.rbac;

/** A binding whose roleRef names no existing role, so it grants nothing today. */
public record DanglingBinding(Binding binding, String reason) {

    /** JSON path of the offending field. */
    public String path() {
        return RbacObject.join(binding.basePath(), "roleRef");
    }
}
