package dev.kubeward.check;

import dev.kubeward.model.Resource;

/**
 * A rule over Kubernetes objects. Implementations are small, stateless classes annotated with
 * {@link CheckInfo} and listed in {@code META-INF/services/dev.kubeward.check.Check}; they do no
 * I/O. {@link #check} is called once per object of the scan, possibly from several threads;
 * cross-object checks look at the rest through {@link CheckContext#inventory()}.
 */
public interface Check {
    void check(Resource resource, CheckContext context, FindingSink sink);

    /**
     * Called once per scan before any object is checked, possibly at the same time as other
     * checks' {@code prepare}: the place to build a model the check shares with others through
     * {@link dev.kubeward.model.Inventory#derived}, so that models are built side by side
     * instead of one thread building while the others wait for it.
     */
    default void prepare(CheckContext context) {}
}
