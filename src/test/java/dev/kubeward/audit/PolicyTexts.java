package dev.kubeward.audit;

import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;

/** Reads policy YAML written inline in tests. */
final class PolicyTexts {
    private PolicyTexts() {}

    static AuditPolicyReader.Result read(String yaml) {
        try {
            ParsedDocument doc = YamlTreeBuilder.parse(yaml, 1);
            return AuditPolicyReader.read(doc.root());
        } catch (YamlTreeBuilder.YamlError e) {
            throw new IllegalArgumentException(e);
        }
    }

    static AuditPolicy policy(String yaml) {
        AuditPolicyReader.Result r = read(yaml);
        if (!r.valid()) {
            throw new IllegalArgumentException("invalid test policy: " + r.problems());
        }
        return r.policy();
    }

    /** A policy of one rule at Metadata with the given conditions, then nothing. */
    static AuditPolicy oneRule(String conditions) {
        return policy("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Metadata\n"
                + conditions.indent(4));
    }
}
