package dev.kubeward.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.FieldError;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the API server rejects in a networking.k8s.io/v1 NetworkPolicy, in its words: the checks
 * and messages of ValidateNetworkPolicy in kubernetes/pkg/apis/networking/validation (ports,
 * peers, ipBlocks, policyTypes), ValidateObjectMeta for the name and namespace, and
 * ValidateLabelSelector for every selector. Every error of the object is listed, as
 * {@code kubectl apply} does, each with its JSON path.
 */
final class PolicyValidator {
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
    private static final Pattern ONE_LETTER = Pattern.compile(".*[a-z].*");
    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);

    private PolicyValidator() {
    }

    static List<FieldError> validate(JsonNode policy) {
        List<FieldError> errors = new ArrayList<>();
        validateMetadata(policy.path("metadata"), errors);
        JsonNode spec = policy.path("spec");
        JsonPath specPath = JsonPath.of("spec");
        errors.addAll(LabelSelector.validate(spec.path("podSelector"), specPath.key("podSelector")));
        for (Direction direction : Direction.values()) {
            JsonNode rules = list(spec, direction.specField(), specPath, errors);
            for (int r = 0; r < rules.size(); r++) {
                JsonPath rulePath = specPath.key(direction.specField()).index(r);
                JsonNode rule = rules.path(r);
                if (!rule.isObject()) {
                    errors.add(FieldError.invalid(rulePath, new FieldError.Raw(rule.toString()), "must be an object"));
                    continue;
                }
                JsonNode ports = list(rule, "ports", rulePath, errors);
                for (int p = 0; p < ports.size(); p++) {
                    validatePort(ports.path(p), rulePath.key("ports").index(p), errors);
                }
                JsonNode peers = list(rule, direction.peersField(), rulePath, errors);
                for (int p = 0; p < peers.size(); p++) {
                    validatePeer(peers.path(p), rulePath.key(direction.peersField()).index(p), errors);
                }
            }
        }
        validatePolicyTypes(list(spec, "policyTypes", specPath, errors), specPath.key("policyTypes"), errors);
        return errors;
    }

    /**
     * A field the API decodes as a list: absent and null are empty, anything else but an array
     * fails to decode ("cannot unmarshal ... into Go struct field"), reported as an invalid value.
     */
    private static JsonNode list(JsonNode parent, String field, JsonPath parentPath, List<FieldError> errors) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull() || value.isArray()) {
            return value;
        }
        errors.add(FieldError.invalid(parentPath.key(field), new FieldError.Raw(value.toString()), "must be a list"));
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** ValidateObjectMeta: a name (DNS subdomain) is required; a namespace, when set, is a DNS label. */
    private static void validateMetadata(JsonNode metadata, List<FieldError> errors) {
        String name = metadata.path("name").asText("");
        JsonPath namePath = JsonPath.of("metadata", "name");
        if (name.isEmpty()) {
            if (metadata.path("generateName").asText("").isEmpty()) {
                errors.add(FieldError.required(namePath, "name or generateName is required"));
            }
        } else {
            if (name.length() > 253) {
                errors.add(FieldError.invalid(namePath, name, "must be no more than 253 characters"));
            }
            if (!DNS1123_SUBDOMAIN.matcher(name).matches()) {
                errors.add(FieldError.invalid(namePath, name, "a lowercase RFC 1123 subdomain must consist of lower case "
                        + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
                        + "(e.g. 'example.com', regex used for validation is '" + DNS1123_SUBDOMAIN_FMT + "')"));
            }
        }
        String namespace = metadata.path("namespace").asText("");
        if (!namespace.isEmpty()) {
            JsonPath namespacePath = JsonPath.of("metadata", "namespace");
            if (namespace.length() > 63) {
                errors.add(FieldError.invalid(namespacePath, namespace, "must be no more than 63 characters"));
            }
            if (!DNS1123_LABEL.matcher(namespace).matches()) {
                errors.add(FieldError.invalid(namespacePath, namespace, "a lowercase RFC 1123 label must consist of "
                        + "lower case alphanumeric characters or '-', and must start and end with an alphanumeric "
                        + "character (e.g. 'my-name',  or '123-abc', regex used for validation is '"
                        + DNS1123_LABEL_FMT + "')"));
            }
        }
    }

    /** ValidateNetworkPolicyPort. */
    private static void validatePort(JsonNode port, JsonPath path, List<FieldError> errors) {
        if (!port.isObject()) {
            errors.add(FieldError.invalid(path, new FieldError.Raw(port.toString()), "must be an object"));
            return;
        }
        JsonNode protocol = port.get("protocol");
        if (protocol != null && !protocol.isNull() && !PROTOCOLS.contains(protocol.asText())) {
            errors.add(FieldError.notSupported(path.key("protocol"), protocol.asText(), "TCP", "UDP", "SCTP"));
        }
        JsonNode value = port.get("port");
        JsonNode endPort = port.get("endPort");
        boolean hasEndPort = endPort != null && !endPort.isNull();
        if (hasEndPort && !endPort.canConvertToExactIntegral()) {
            errors.add(FieldError.invalid(path.key("endPort"), new FieldError.Raw(endPort.toString()), "must be an integer"));
            hasEndPort = false;
        }
        if (value == null || value.isNull()) {
            if (hasEndPort) {
                errors.add(FieldError.invalid(path.key("endPort"), endPort.asLong(),
                        "may not be specified when `port` is not specified"));
            }
            return;
        }
        if (value.isNumber()) {
            if (!value.canConvertToExactIntegral()) {
                errors.add(FieldError.invalid(path.key("port"), new FieldError.Raw(value.toString()), "must be an integer or a port name"));
                return;
            }
            long number = value.asLong();
            if (number < 1 || number > 65535) {
                errors.add(FieldError.invalid(path.key("port"), number, "must be between 1 and 65535, inclusive"));
            }
            if (hasEndPort) {
                long end = endPort.asLong();
                if (end < number) {
                    errors.add(FieldError.invalid(path.key("endPort"), end, "must be greater than or equal to `port`"));
                }
                if (end < 1 || end > 65535) {
                    errors.add(FieldError.invalid(path.key("endPort"), end, "must be between 1 and 65535, inclusive"));
                }
            }
            return;
        }
        if (!value.isTextual()) {
            errors.add(FieldError.invalid(path.key("port"), new FieldError.Raw(value.toString()), "must be an integer or a port name"));
            return;
        }
        // A string is a named port to the API server, "80" included (an IntOrString of type string).
        if (hasEndPort) {
            errors.add(FieldError.invalid(path.key("endPort"), endPort.asLong(),
                    "may not be specified when `port` is non-numeric"));
        }
        String name = value.textValue();
        for (String problem : portNameErrors(name)) {
            errors.add(FieldError.invalid(path.key("port"), name, problem));
        }
    }

    /** IsValidPortName (k8s.io/apimachinery/pkg/util/validation). */
    static List<String> portNameErrors(String port) {
        List<String> errors = new ArrayList<>();
        if (port.length() > 15) {
            errors.add("must be no more than 15 characters");
        }
        if (!PORT_NAME_CHARSET.matcher(port).matches()) {
            errors.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!ONE_LETTER.matcher(port).matches()) {
            errors.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            errors.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.charAt(0) == '-' || port.charAt(port.length() - 1) == '-')) {
            errors.add("must not begin or end with a hyphen");
        }
        return errors;
    }

    /** ValidateNetworkPolicyPeer and ValidateIPBlock. */
    private static void validatePeer(JsonNode peer, JsonPath path, List<FieldError> errors) {
        if (!peer.isObject()) {
            errors.add(FieldError.invalid(path, new FieldError.Raw(peer.toString()), "must be an object"));
            return;
        }
        int kinds = 0;
        boolean hasIpBlock = present(peer, "ipBlock");
        if (present(peer, "podSelector")) {
            kinds++;
            errors.addAll(LabelSelector.validate(peer.get("podSelector"), path.key("podSelector")));
        }
        if (present(peer, "namespaceSelector")) {
            kinds++;
            errors.addAll(LabelSelector.validate(peer.get("namespaceSelector"), path.key("namespaceSelector")));
        }
        if (hasIpBlock) {
            kinds++;
            validateIpBlock(peer.get("ipBlock"), path.key("ipBlock"), errors);
        }
        if (kinds == 0) {
            errors.add(FieldError.required(path, "must specify a peer"));
        } else if (kinds > 1 && hasIpBlock) {
            errors.add(FieldError.forbidden(path, "may not specify both ipBlock and another peer"));
        }
    }

    private static void validateIpBlock(JsonNode ipBlock, JsonPath path, List<FieldError> errors) {
        if (!ipBlock.isObject()) {
            errors.add(FieldError.invalid(path, new FieldError.Raw(ipBlock.toString()), "must be an object"));
            return;
        }
        String cidr = ipBlock.path("cidr").asText("");
        if (cidr.isEmpty()) {
            errors.add(FieldError.required(path.key("cidr"), ""));
            return;
        }
        IpRange block = parseCidr(cidr, path.key("cidr"), errors);
        if (block == null) {
            return;
        }
        JsonNode except = list(ipBlock, "except", path, errors);
        for (int i = 0; i < except.size(); i++) {
            String text = except.path(i).asText("");
            JsonPath exceptPath = path.key("except").index(i);
            IpRange hole = parseCidr(text, exceptPath, errors);
            if (hole != null && (!block.contains(hole) || hole.equals(block) || hole.family() != block.family())) {
                errors.add(FieldError.invalid(exceptPath, text, "must be a strict subset of `cidr`"));
            }
        }
    }

    private static IpRange parseCidr(String text, JsonPath path, List<FieldError> errors) {
        try {
            return IpRange.parseCidr(text);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.invalid(path, text, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
            return null;
        }
    }

    private static void validatePolicyTypes(JsonNode types, JsonPath path, List<FieldError> errors) {
        if (!types.isArray()) {
            return;
        }
        if (types.size() > 2) {
            List<String> quoted = new ArrayList<>();
            types.forEach(t -> quoted.add(FieldError.goQuote(t.asText())));
            errors.add(FieldError.invalid(path, new FieldError.Raw("[]networking.PolicyType{" + String.join(", ", quoted) + "}"),
                    "may not specify more than two policyTypes"));
            return;
        }
        for (int i = 0; i < types.size(); i++) {
            String type = types.path(i).asText();
            if (!type.equals("Ingress") && !type.equals("Egress")) {
                errors.add(FieldError.notSupported(path.index(i), type, "Ingress", "Egress"));
            }
        }
    }

    private static boolean present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }
}
