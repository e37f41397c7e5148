package dev.kubeward.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.JsonPath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The {@code admission} section of {@code .kubeward.yaml}: what {@code kubeward serve} does with
 * what the checks, the Pod Security Standards and the CEL policies find at admission.
 *
 * <pre>
 * admission:
 *   pss: {level: baseline, version: latest}
 *   defaultMode: warn                 # what no rule below names
 *   modes:                            # the most specific rule wins
 *     privileged-container: enforce   # a check id, or a glob of ids (image-*)
 *     vap:require-team-label: audit   # a CEL policy (else its binding's validationActions decide)
 *     category:Images: warn           # a check category, as 'kubeward checks' shows it
 *     severity:high: enforce          # the check's effective severity
 *     pss: enforce                    # Pod Security Standards violations
 *   exempt:                           # requests never evaluated (globs)
 *     namespaces: [kube-system]
 *     users: ["system:serviceaccount:kube-system:*"]
 *     groups: [system:nodes]
 *   mutate: false                     # /mutate answers with patches only when true
 * </pre>
 *
 * With no section (or no rule for them), {@code pss} and {@code severity:critical} are
 * {@code enforce} and everything else {@code warn}: a default a team can deploy on day one.
 */
public record AdmissionModes(String pssLevel, String pssVersion, Mode defaultMode, Map<String, Mode> rules,
        List<String> exemptNamespaces, List<String> exemptUsers, List<String> exemptGroups, boolean mutate) {

    /** What happens to a violation at admission. */
    public enum Mode {
        /** Denied, with a message listing each violation and its field. */
        ENFORCE,
        /** Allowed, with an AdmissionReview warning (kubectl prints it). */
        WARN,
        /** Allowed, recorded in the response's auditAnnotations and the metrics. */
        AUDIT,
        /** Not reported at admission. */
        OFF;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Mode parse(String s) {
            for (Mode m : values()) {
                if (m.label().equals(s)) {
                    return m;
                }
            }
            return null;
        }
    }

    public static final String PSS = "pss";
    private static final Map<String, Mode> DEFAULT_RULES = Map.of(PSS, Mode.ENFORCE, "severity:critical", Mode.ENFORCE);

    /** No configuration: deny PSS baseline violations and critical checks, warn on the rest. */
    public static final AdmissionModes DEFAULT = new AdmissionModes("baseline", "latest", Mode.WARN, DEFAULT_RULES,
            List.of(), List.of(), List.of(), false);

    private static final Set<String> KEYS = Set.of("pss", "defaultMode", "modes", "exempt", "mutate");

    public AdmissionModes {
        rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        exemptNamespaces = List.copyOf(exemptNamespaces);
        exemptUsers = List.copyOf(exemptUsers);
        exemptGroups = List.copyOf(exemptGroups);
    }

    /**
     * The mode of a check's finding: its id, then the first glob naming it, then its category,
     * then its severity, then {@code defaultMode}.
     */
    public Mode modeOf(CheckMeta meta, Severity severity) {
        Mode m = rules.get(meta.id());
        if (m != null) {
            return m;
        }
        for (Map.Entry<String, Mode> e : rules.entrySet()) {
            if (e.getKey().indexOf(':') < 0 && CheckIds.isGlob(e.getKey()) && Glob.matches(e.getKey(), meta.id())) {
                return e.getValue();
            }
        }
        m = rules.get("category:" + meta.category());
        if (m != null) {
            return m;
        }
        m = rules.get("severity:" + severity.label());
        return m != null ? m : defaultMode;
    }

    /** The mode configured for Pod Security Standards violations. */
    public Mode pssMode() {
        Mode m = rules.get(PSS);
        return m != null ? m : defaultMode;
    }

    /** The mode configured for a CEL policy, or null when its bindings' validationActions decide. */
    public Mode policyMode(String policyName) {
        String id = "vap:" + policyName;
        Mode m = rules.get(id);
        if (m != null) {
            return m;
        }
        for (Map.Entry<String, Mode> e : rules.entrySet()) {
            if (e.getKey().startsWith("vap:") && CheckIds.isGlob(e.getKey()) && Glob.matches(e.getKey(), id)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Why a request is exempt (namespace, user or group named by the configuration), or null. */
    public String exemption(String namespace, String user, List<String> groups) {
        for (String g : exemptNamespaces) {
            if (namespace != null && !namespace.isEmpty() && Glob.matches(g, namespace)) {
                return "namespace " + namespace + " is exempt (admission.exempt.namespaces: " + g + ")";
            }
        }
        for (String g : exemptUsers) {
            if (user != null && Glob.matches(g, user)) {
                return "user " + user + " is exempt (admission.exempt.users: " + g + ")";
            }
        }
        for (String g : exemptGroups) {
            for (String group : groups) {
                if (Glob.matches(g, group)) {
                    return "group " + group + " is exempt (admission.exempt.groups: " + g + ")";
                }
            }
        }
        return null;
    }

    /** Reads the section; a wrong key or value is an error at its line. */
    static AdmissionModes parse(JsonNode node, String file, ToIntFunction<JsonPath> lineOf, Set<String> knownChecks)
            throws ConfigException {
        if (node == null || node.isNull()) {
            return DEFAULT;
        }
        JsonPath at = JsonPath.of("admission");
        if (!node.isObject()) {
            throw new ConfigException(file, lineOf.applyAsInt(at), "admission must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new ConfigException(file, lineOf.applyAsInt(at.key(k)), "unknown key '" + k + "' (expected one of "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        String level = DEFAULT.pssLevel();
        String version = DEFAULT.pssVersion();
        JsonNode pss = node.get("pss");
        if (pss != null && !pss.isNull()) {
            JsonPath p = at.key("pss");
            if (!pss.isObject()) {
                throw new ConfigException(file, lineOf.applyAsInt(p), "admission.pss must be a mapping {level, version}");
            }
            for (Iterator<String> it = pss.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("level") && !k.equals("version")) {
                    throw new ConfigException(file, lineOf.applyAsInt(p.key(k)), "unknown key '" + k + "' (expected level, version)");
                }
            }
            JsonNode l = pss.get("level");
            if (l != null && !l.isNull()) {
                if (!l.isTextual() || !Set.of("privileged", "baseline", "restricted").contains(l.textValue())) {
                    throw new ConfigException(file, lineOf.applyAsInt(p.key("level")),
                            "admission.pss.level must be privileged, baseline or restricted");
                }
                level = l.textValue();
            }
            JsonNode v = pss.get("version");
            if (v != null && !v.isNull()) {
                if (!v.isTextual() || !v.textValue().matches("latest|v1\\.(0|[1-9]\\d*)")) {
                    throw new ConfigException(file, lineOf.applyAsInt(p.key("version")),
                            "admission.pss.version must be latest or a minor version such as v1.30");
                }
                version = v.textValue();
            }
        }
        Mode defaultMode = DEFAULT.defaultMode();
        JsonNode dm = node.get("defaultMode");
        if (dm != null && !dm.isNull()) {
            defaultMode = mode(dm, at.key("defaultMode"), file, lineOf);
        }
        Map<String, Mode> rules = new LinkedHashMap<>();
        JsonNode modes = node.get("modes");
        if (modes != null && !modes.isNull()) {
            JsonPath p = at.key("modes");
            if (!modes.isObject()) {
                throw new ConfigException(file, lineOf.applyAsInt(p), "admission.modes must be a mapping of rule: mode");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = modes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonPath kp = p.key(e.getKey());
                String problem = selectorProblem(e.getKey(), knownChecks);
                if (problem != null) {
                    throw new ConfigException(file, lineOf.applyAsInt(kp), problem);
                }
                rules.put(e.getKey(), mode(e.getValue(), kp, file, lineOf));
            }
        }
        // The defaults stay beneath what the file says, rule by rule.
        DEFAULT_RULES.forEach(rules::putIfAbsent);
        List<String> namespaces = List.of();
        List<String> users = List.of();
        List<String> groups = List.of();
        JsonNode exempt = node.get("exempt");
        if (exempt != null && !exempt.isNull()) {
            JsonPath p = at.key("exempt");
            if (!exempt.isObject()) {
                throw new ConfigException(file, lineOf.applyAsInt(p), "admission.exempt must be a mapping {namespaces, users, groups}");
            }
            for (Iterator<String> it = exempt.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!Set.of("namespaces", "users", "groups").contains(k)) {
                    throw new ConfigException(file, lineOf.applyAsInt(p.key(k)), "unknown key '" + k + "' (expected groups, namespaces, users)");
                }
            }
            namespaces = strings(exempt.get("namespaces"), p.key("namespaces"), file, lineOf);
            users = strings(exempt.get("users"), p.key("users"), file, lineOf);
            groups = strings(exempt.get("groups"), p.key("groups"), file, lineOf);
        }
        boolean mutate = false;
        JsonNode mu = node.get("mutate");
        if (mu != null && !mu.isNull()) {
            if (!mu.isBoolean()) {
                throw new ConfigException(file, lineOf.applyAsInt(at.key("mutate")), "admission.mutate must be true or false");
            }
            mutate = mu.booleanValue();
        }
        return new AdmissionModes(level, version, defaultMode, rules, namespaces, users, groups, mutate);
    }

    private static String selectorProblem(String key, Set<String> knownChecks) {
        if (key.equals(PSS)) {
            return null;
        }
        if (key.startsWith("severity:")) {
            return Severity.parse(key.substring(9)) != null && key.substring(9).equals(key.substring(9).toLowerCase(Locale.ROOT))
                    ? null : "'" + key + "': the severity must be one of critical, high, medium, low, info";
        }
        if (key.startsWith("category:")) {
            return key.length() > 9 ? null : "'" + key + "' names no category";
        }
        if (key.startsWith("vap:")) {
            return key.length() > 4 ? null : "'" + key + "' names no policy";
        }
        if (key.indexOf(':') >= 0) {
            return "'" + key + "' is not a rule: write a check id or glob, vap:POLICY, category:NAME, severity:LEVEL or pss";
        }
        if (CheckIds.isGlob(key)) {
            return knownChecks.stream().anyMatch(id -> Glob.matches(key, id)) ? null
                    : "'" + key + "' matches no check (see 'kubeward checks')";
        }
        return knownChecks.contains(key) ? null : "unknown check '" + key + "' (see 'kubeward checks')";
    }

    private static Mode mode(JsonNode v, JsonPath p, String file, ToIntFunction<JsonPath> lineOf) throws ConfigException {
        // YAML 1.1 (and so kubectl and kubeward) reads a bare off as false.
        Mode m = v.isTextual() ? Mode.parse(v.textValue()) : v.isBoolean() && !v.booleanValue() ? Mode.OFF : null;
        if (m == null) {
            throw new ConfigException(file, lineOf.applyAsInt(p), "a mode must be enforce, warn, audit or off");
        }
        return m;
    }

    private static List<String> strings(JsonNode n, JsonPath p, String file, ToIntFunction<JsonPath> lineOf) throws ConfigException {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new ConfigException(file, lineOf.applyAsInt(p), p + " must be a list of strings");
        }
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual() || n.get(i).textValue().isBlank()) {
                throw new ConfigException(file, lineOf.applyAsInt(p.index(i)), p + " must be a list of non-empty strings");
            }
            out.add(n.get(i).textValue());
        }
        return out;
    }
}
