package dev.kubeward.check;

import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;

/** A check of the pod that any pod-bearing object runs (Pod, Deployment, CronJob …). */
public abstract class PodCheck implements Check {
    @Override
    public final void check(Resource resource, CheckContext context, FindingSink sink) {
        PodTemplate.of(resource).ifPresent(pod -> checkPod(pod, context, sink));
    }

    protected abstract void checkPod(PodTemplate pod, CheckContext context, FindingSink sink);
}
