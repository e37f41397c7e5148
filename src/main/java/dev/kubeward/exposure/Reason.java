package dev.kubeward.exposure;

/** One factor of a workload's deployment, with the sentence that says what in the input makes it so. */
public record Reason(Factor factor, String detail) {
    @Override
    public String toString() {
        return factor.label() + " (+" + factor.points() + "): " + detail;
    }
}
