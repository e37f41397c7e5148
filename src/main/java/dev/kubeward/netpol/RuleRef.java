package dev.kubeward.netpol;

/**
 * A rule that allowed (part of) a connection: the policy, the rule's direction and index, its JSON
 * path and the connections it contributes for the pair being explained.
 */
public record RuleRef(String policy, Direction direction, int ruleIndex, String path, ConnectionSet conns) {
    @Override
    public String toString() {
        return policy + " " + direction.apiName() + " rule #" + ruleIndex + " (" + path + "): " + conns;
    }
}
