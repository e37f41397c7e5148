package dev.kubeward.check;

import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;

/**
 * A check of the pods that any pod-bearing object runs (Pod, Deployment, CronJob, the custom
 * resources of {@link dev.kubeward.model.WorkloadKinds} …), one call per pod template.
 */
public abstract class PodCheck implements Check {
    @Override
    public final void check(Resource resource, CheckContext context, FindingSink sink) {
        for (PodTemplate pod : context.inventory().podTemplates(resource)) {
            checkPod(pod, context, sink);
        }
    }

    protected abstract void checkPod(PodTemplate pod, CheckContext context, FindingSink sink);
}
