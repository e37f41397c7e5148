package dev.kubeward.policy;

import java.util.List;
import java.util.Map;

/**
 * What the ValidatingAdmissionPolicy plugin answers for one request: every decision of every
 * matching policy, binding and param (for people to see why), the warnings the API server would
 * return, the audit annotations it would record, and the decision that denies the request.
 */
public record AdmissionResult(List<Decision> decisions, List<String> warnings, Map<String, String> auditAnnotations,
        Decision denial) {

    public enum Evaluation { ADMIT, DENY, ERROR }

    /**
     * One decision.
     *
     * @param validation the index of the validation, or -1 for a match condition, budget or
     *     configuration decision
     * @param actions what the binding's validationActions made of a failed decision
     *     (Deny, Warn, Audit); a configuration error denies whatever they say
     */
    public record Decision(String policy, String binding, String param, int validation, String expression,
            Evaluation evaluation, boolean deny, String message, String reason, List<String> actions,
            boolean configurationError) {

        /** The message the API server returns when this decision denies the request. */
        public String denyMessage() {
            if (binding == null) {
                return "ValidatingAdmissionPolicy '" + policy + "' denied request: " + message;
            }
            return "ValidatingAdmissionPolicy '" + policy + "' with binding '" + binding + "' denied request: " + message;
        }
    }

    public boolean denied() {
        return denial != null;
    }

    /** admit, deny, or warn (admitted with warnings). */
    public String verdict() {
        if (denial != null) {
            return "deny";
        }
        return warnings.isEmpty() ? "admit" : "warn";
    }
}
