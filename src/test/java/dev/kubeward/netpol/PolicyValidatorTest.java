package dev.kubeward.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.FieldError;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API server's validation of a NetworkPolicy, message for message: ValidateNetworkPolicyPort,
 * ValidateNetworkPolicyPeer, ValidateIPBlock and ValidateNetworkPolicySpec in
 * kubernetes/pkg/apis/networking/validation/validation.go; IsValidPortNum and IsValidPortName in
 * k8s.io/apimachinery/pkg/util/validation; the CIDR message of parseCIDR in
 * k8s.io/apimachinery/pkg/api/validation/ip.go; field.Error's layout ("path: Invalid value: v:
 * detail", "Unsupported value: \"v\": supported values: ...", "Required value", "Forbidden").
 */
class PolicyValidatorTest {
    private static final String HEAD = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: ns}
            spec:
              podSelector: {}
            """;

    static Stream<Arguments> rows() {
        return Stream.of(
                row("a valid policy", """
                          policyTypes: [Ingress, Egress]
                          ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}, {namespaceSelector: {}, podSelector: {}}],
                                     ports: [{port: 80, endPort: 90}, {port: http, protocol: UDP}, {protocol: SCTP}]}]
                          egress: [{}]
                        """),
                row("port number out of range", """
                          ingress: [{ports: [{port: 0}, {port: 65536}]}]
                        """, "spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                        "spec.ingress[0].ports[1].port: Invalid value: 65536: must be between 1 and 65535, inclusive"),
                row("unsupported protocol", """
                          egress: [{ports: [{protocol: ICMP}]}]
                        """, "spec.egress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: "
                                + "\"TCP\", \"UDP\", \"SCTP\""),
                row("endPort below port and out of range", """
                          ingress: [{ports: [{port: 9000, endPort: 8000}, {port: 1, endPort: 70000}]}]
                        """, "spec.ingress[0].ports[0].endPort: Invalid value: 8000: must be greater than or equal to `port`",
                        "spec.ingress[0].ports[1].endPort: Invalid value: 70000: must be between 1 and 65535, inclusive"),
                row("endPort with a named port or without a port", """
                          ingress: [{ports: [{port: http, endPort: 90}, {endPort: 90}]}]
                        """, "spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric",
                        "spec.ingress[0].ports[1].endPort: Invalid value: 90: may not be specified when `port` is not specified"),
                row("a quoted number is a port name to the API server", """
                          ingress: [{ports: [{port: "8080"}]}]
                        """, "spec.ingress[0].ports[0].port: Invalid value: \"8080\": must contain at least one letter (a-z)"),
                row("bad port names", """
                          ingress: [{ports: [{port: Http}, {port: a--b}, {port: -web}, {port: a-very-long-port-name}]}]
                        """, "spec.ingress[0].ports[0].port: Invalid value: \"Http\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                        "spec.ingress[0].ports[1].port: Invalid value: \"a--b\": must not contain consecutive hyphens",
                        "spec.ingress[0].ports[2].port: Invalid value: \"-web\": must not begin or end with a hyphen",
                        "spec.ingress[0].ports[3].port: Invalid value: \"a-very-long-port-name\": must be no more than 15 characters"),
                row("an empty peer", """
                          ingress: [{from: [{}]}]
                        """, "spec.ingress[0].from[0]: Required value: must specify a peer"),
                row("an ipBlock with a selector", """
                          ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, namespaceSelector: {}}]}]
                        """, "spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer"),
                row("bad CIDRs", """
                          egress: [{to: [{ipBlock: {cidr: 10.0.0.0/33}}, {ipBlock: {cidr: 10.0.0.0}}, {ipBlock: {cidr: ""}}]}]
                        """, "spec.egress[0].to[0].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, "
                                + "(e.g. 10.9.8.0/24 or 2001:db8::/64)",
                        "spec.egress[0].to[1].ipBlock.cidr: Invalid value: \"10.0.0.0\": must be a valid CIDR value, "
                                + "(e.g. 10.9.8.0/24 or 2001:db8::/64)",
                        "spec.egress[0].to[2].ipBlock.cidr: Required value"),
                row("except outside or equal to the cidr", """
                          ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16, 10.0.0.0/8, 10.1.0.0/16]}}]}]
                        """, "spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: \"11.0.0.0/16\": must be a strict subset of `cidr`",
                        "spec.ingress[0].from[0].ipBlock.except[1]: Invalid value: \"10.0.0.0/8\": must be a strict subset of `cidr`"),
                row("an unknown policyType", """
                          policyTypes: [Ingress, Sideways]
                        """, "spec.policyTypes[1]: Unsupported value: \"Sideways\": supported values: \"Ingress\", \"Egress\""),
                row("more than two policyTypes", """
                          policyTypes: [Ingress, Egress, Ingress]
                        """, "spec.policyTypes: Invalid value: []networking.PolicyType{\"Ingress\", \"Egress\", \"Ingress\"}: "
                                + "may not specify more than two policyTypes"),
                row("selectors are validated everywhere", """
                          ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: team, operator: Equals, values: [a]}]}}]}]
                        """, "spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].operator: Invalid value: "
                                + "\"Equals\": not a valid selector operator"));
    }

    private static Arguments row(String name, String spec, String... errors) {
        return Arguments.of(name, spec, List.of(errors));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void reportsWhatTheApiServerReports(String name, String spec, List<String> expected) {
        assertThat(PolicyValidator.validate(Fixtures.parseYaml(HEAD + spec).get(0)).stream().map(FieldError::toString))
                .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "metadata: {0}")
    @MethodSource("metadata")
    void validatesTheNameAndNamespace(String metadata, List<String> expected) {
        String policy = "kind: NetworkPolicy\nmetadata: " + metadata + "\nspec: {podSelector: {}}\n";
        assertThat(PolicyValidator.validate(Fixtures.parseYaml(policy).get(0)).stream().map(FieldError::toString))
                .containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> metadata() {
        return Stream.of(
                Arguments.of("{namespace: ns}", List.of("metadata.name: Required value: name or generateName is required")),
                Arguments.of("{name: Bad_Name}", List.of("metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 "
                        + "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and "
                        + "end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
                Arguments.of("{name: ok, namespace: My.Ns}", List.of("metadata.namespace: Invalid value: \"My.Ns\": a "
                        + "lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
                        + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
                        + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")));
    }
}
