package dev.kubeward.pss;

import java.util.List;

/**
 * One revision of one upstream check. Implementations are immutable and shared across threads;
 * they add at most one {@link Violation} and allocate nothing when the pod passes.
 */
interface PodCheck {
    void check(PodView pod, List<Violation> out);
}
