package dev.kubeward.model;

/**
 * A kind of object that a scan meant to read and could not, so the checks that need it did not
 * see it: every output format lists it ("not checked: secrets (forbidden)"), so that a hole in the
 * input is never silent.
 *
 * @param what the resource as the API names it ({@code secrets}, {@code ingresses.networking.k8s.io}),
 *     with the namespace when only one was read
 * @param reason why, in a few words ({@code forbidden}, {@code not served by this cluster})
 */
public record CoverageGap(String what, String reason) {
    @Override
    public String toString() {
        return "not checked: " + what + " (" + reason + ")";
    }
}
