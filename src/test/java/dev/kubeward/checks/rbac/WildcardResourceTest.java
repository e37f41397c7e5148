package dev.kubeward.checks.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.model.Inventory;
import dev.kubeward.source.ManifestLoader;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The message names only what the rule's API groups can reach. */
class WildcardResourceTest {
    @ParameterizedTest(name = "apiGroups {0}")
    @CsvSource(delimiter = '|', value = {
        "['']|every resource ('*') of the core group, including Secrets, pods/exec and serviceaccounts/token",
        "['*']|every resource ('*') of every API group, including Secrets, pods/exec and serviceaccounts/token",
        "['', apps]|every resource ('*') of the core group and apps, including Secrets, pods/exec and serviceaccounts/token",
        "[admissionregistration.k8s.io]|every resource ('*') of admissionregistration.k8s.io, including mutating and "
                + "validating webhook configurations",
        "[rbac.authorization.k8s.io]|every resource ('*') of rbac.authorization.k8s.io, including roles and bindings "
                + "(with escalate and bind: a way to any permission)",
        "[apps, batch]|every resource ('*') of apps and batch, including workloads, whose pods may run as any "
                + "ServiceAccount of their namespace",
        "[certificates.k8s.io]|every resource ('*') of certificates.k8s.io, including certificate signing requests and "
                + "their approval",
        "[example.com]|every resource ('*') of example.com, including any added to the group later",
    })
    void messageNamesWhatTheGroupsReach(String groups, String expected) {
        String yaml = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: wide}
                rules:
                - apiGroups: %s
                  resources: ["*"]
                  verbs: [get]
                """.formatted(groups);
        var loaded = new ManifestLoader().loadText("role.yaml", yaml);
        List<Finding> findings = new Scanner(CheckRegistry.builtIn(), Config.DEFAULT).scan(new Inventory(loaded.resources()))
                .stream().filter(f -> f.checkId().equals("rbac-wildcard-resource")).toList();
        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.message()).isEqualTo("ClusterRole/wide rules[0] applies to " + expected));
    }
}
