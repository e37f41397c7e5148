package dev.kubeward.pss;

import java.util.List;

/**
 * One revision of one upstream check (the check of one Pod Security Standards control; named apart
 * from the check SPI's {@code dev.kubeward.check.PodCheck}, which it has nothing to do with). Implementations are immutable and shared across threads;
 * they add at most one {@link Violation} and allocate nothing when the pod passes.
 */
interface ControlCheck {
    void check(PodView pod, List<Violation> out);
}
