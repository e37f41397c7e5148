package dev.kubeward.check;

import dev.kubeward.model.Resource;

/**
 * A check over the exemptions of a scan rather than over its objects: whether an exemption names
 * a check at all, has expired, or suppressed anything can only be told once every object's
 * findings are known. The {@link Scanner} calls {@link #checkExemptions} once, after the
 * per-object pass, and reports at the line where the exemption is written (an annotation, or an
 * entry of the configuration file).
 */
public interface ExemptionCheck extends Check {
    void checkExemptions(Exemptions exemptions, Sink sink);

    /** Where an exemption check reports: at the exemption's own site. */
    interface Sink {
        void report(Exemption.Site site, String message);
    }

    /** The per-object pass has nothing for these checks: their subject is the exemptions. */
    @Override
    default void check(Resource resource, CheckContext context, FindingSink sink) {}
}
