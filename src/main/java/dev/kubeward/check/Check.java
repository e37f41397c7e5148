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
}
