package dev.kubeward.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.WorkloadKinds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The user's choices ({@code .kubeward.yaml}): which checks run, at what severity, which
 * registries are trusted, and what is exempt. Unknown keys and unknown check ids are errors,
 * not silently ignored. An exemption naming a check that does not exist is not an error here but
 * an {@code exemption-invalid} finding at its line ({@link Exemptions}), because namespaced ids
 * ({@code vap:NAME}) can only be validated against the objects of the scan.
 *
 * @param raw the whole configuration tree, for engines that read their own sections
 * @param builds {@code images.builds}: which Dockerfile builds which image repository
 */
public record Config(
        Set<String> disabled,
        Set<String> enabled,
        Map<String, Severity> severities,
        List<String> trustedRegistries,
        List<Exemption> exemptions,
        JsonNode raw,
        List<SignatureRule> signatureRules,
        List<ImageBuild> builds) {

    public static final Config DEFAULT = new Config(Set.of(), Set.of(), Map.of(), List.of(), List.of(), null);

    public Config {
        builds = builds == null ? List.of() : List.copyOf(builds);
    }

    /** A configuration without signature rules (images.requireSignature) and without images.builds. */
    public Config(Set<String> disabled, Set<String> enabled, Map<String, Severity> severities, List<String> trustedRegistries,
            List<Exemption> exemptions, JsonNode raw) {
        this(disabled, enabled, severities, trustedRegistries, exemptions, raw, List.of());
    }

    /** A configuration without images.builds. */
    public Config(Set<String> disabled, Set<String> enabled, Map<String, Severity> severities, List<String> trustedRegistries,
            List<Exemption> exemptions, JsonNode raw, List<SignatureRule> signatureRules) {
        this(disabled, enabled, severities, trustedRegistries, exemptions, raw, signatureRules, List.of());
    }

    private static final Set<String> TOP_LEVEL = Set.of("checks", "trustedRegistries", "exemptions", "pss", "dockerfile",
            "images", "kubernetesVersion", "versionCheckDate", "report", "exclude", "workloadKinds", "vulndb", "runtime", "admission");
    // "runtime" is read and validated by dev.kubeward.runtime.RuntimeConfig, in the commands that use it.
    private static final Set<String> CHECKS_KEYS = Set.of("disable", "enable", "severity");
    private static final Set<String> EXEMPTION_KEYS = Set.of("check", "kind", "namespace", "name", "reason", "until");

    public boolean isEnabled(CheckMeta meta) {
        if (disabled.contains(meta.id())) {
            return false;
        }
        return meta.enabledByDefault() || enabled.contains(meta.id());
    }

    /** The {@code admission} section, for {@code kubeward serve} (validated when the file was read). */
    public AdmissionModes admission() {
        try {
            return AdmissionModes.parse(raw == null ? null : raw.get("admission"), "", p -> 0, CheckRegistry.builtIn().ids());
        } catch (ConfigException e) {
            throw new IllegalStateException("the admission section was validated when read: " + e.getMessage(), e);
        }
    }

    /** A top-level text setting ({@code kubernetesVersion}), or the default. */
    public String setting(String key, String fallback) {
        if (raw == null) {
            return fallback;
        }
        JsonNode v = raw.get(key);
        return v != null && v.isTextual() ? v.textValue() : fallback;
    }

    /** A text setting of an engine's own section ({@code pss.minimumLevel}), or the default. */
    public String setting(String section, String key, String fallback) {
        if (raw == null) {
            return fallback;
        }
        JsonNode v = raw.path(section).get(key);
        return v != null && v.isTextual() ? v.textValue() : fallback;
    }

    /**
     * The kinds that carry pods: the built-in ones plus the configuration's {@code workloadKinds}
     * (validated by {@link #parse}).
     */
    public WorkloadKinds workloadKinds() {
        JsonNode list = raw == null ? null : raw.get("workloadKinds");
        if (list == null || !list.isArray() || list.isEmpty()) {
            return WorkloadKinds.BUILT_IN;
        }
        List<WorkloadKinds.Entry> entries = new ArrayList<>();
        for (JsonNode e : list) {
            boolean spec = e.hasNonNull("podSpec");
            entries.add(new WorkloadKinds.Entry(e.path("group").asText(""), e.path("kind").asText(),
                    e.path(spec ? "podSpec" : "podTemplate").asText(),
                    spec ? WorkloadKinds.Shape.POD_SPEC : WorkloadKinds.Shape.TEMPLATE, "configuration"));
        }
        return WorkloadKinds.BUILT_IN.with(entries);
    }

    /** The same configuration with other exemptions (a configuration re-read under another name keeps its own). */
    public Config withExemptions(List<Exemption> list) {
        return new Config(disabled, enabled, severities, trustedRegistries, List.copyOf(list), raw, signatureRules, builds);
    }

    /** The same configuration with the signature rules of another reading (which kept their file and lines). */
    public Config withSignatureRules(List<SignatureRule> rules) {
        return new Config(disabled, enabled, severities, trustedRegistries, exemptions, raw, List.copyOf(rules), builds);
    }

    /** The same configuration with other {@code images.builds} entries (a re-read configuration keeps the file and lines of its own). */
    public Config withBuilds(List<ImageBuild> list) {
        return new Config(disabled, enabled, severities, trustedRegistries, exemptions, raw, signatureRules, List.copyOf(list));
    }

    /** The same configuration with one more opt-in check enabled (a command-line switch such as --report-unused-exemptions). */
    public Config withEnabled(String checkId) {
        Set<String> more = new LinkedHashSet<>(enabled);
        more.add(checkId);
        Set<String> fewer = new LinkedHashSet<>(disabled);
        fewer.remove(checkId);
        return new Config(Set.copyOf(fewer), Set.copyOf(more), severities, trustedRegistries, exemptions, raw, signatureRules, builds);
    }

    public Severity severityOf(CheckMeta meta, Severity reported) {
        return severities.getOrDefault(meta.id(), reported);
    }

    /**
     * Reads a configuration tree.
     *
     * @param lineOf the source line of a path in the file, for error messages
     * @param knownChecks ids a configuration may name
     */
    public static Config parse(JsonNode root, String file, ToIntFunction<JsonPath> lineOf, Set<String> knownChecks)
            throws ConfigException {
        Reader r = new Reader(file, lineOf, knownChecks);
        if (root == null || root.isNull()) {
            return DEFAULT;
        }
        r.requireObject(root, JsonPath.ROOT, TOP_LEVEL);
        Set<String> disabled = new LinkedHashSet<>();
        Set<String> enabled = new LinkedHashSet<>();
        Map<String, Severity> severities = new HashMap<>();
        JsonNode checks = root.get("checks");
        JsonPath checksPath = JsonPath.of("checks");
        if (checks != null && !checks.isNull()) {
            r.requireObject(checks, checksPath, CHECKS_KEYS);
            disabled.addAll(r.checkIds(checks.get("disable"), checksPath.key("disable")));
            enabled.addAll(r.checkIds(checks.get("enable"), checksPath.key("enable")));
            JsonNode sev = checks.get("severity");
            if (sev != null && !sev.isNull()) {
                JsonPath sevPath = checksPath.key("severity");
                r.requireObject(sev, sevPath, null);
                for (Iterator<Map.Entry<String, JsonNode>> it = sev.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonPath p = sevPath.key(e.getKey());
                    r.knownCheck(e.getKey(), p);
                    Severity s = e.getValue().isTextual() ? Severity.parse(e.getValue().textValue()) : null;
                    if (s == null) {
                        throw r.error(p, "severity must be one of critical, high, medium, low, info");
                    }
                    severities.put(e.getKey(), s);
                }
            }
        }
        JsonNode pss = root.get("pss");
        if (pss != null && !pss.isNull()) {
            r.requireObject(pss, JsonPath.of("pss"), Set.of("minimumLevel"));
            JsonNode min = pss.get("minimumLevel");
            if (min != null && !(min.isTextual() && Set.of("privileged", "baseline", "restricted").contains(min.textValue()))) {
                throw r.error(JsonPath.of("pss", "minimumLevel"), "pss.minimumLevel must be privileged, baseline or restricted");
            }
        }
        JsonNode dockerfile = root.get("dockerfile");
        if (dockerfile != null && !dockerfile.isNull()) {
            r.requireObject(dockerfile, JsonPath.of("dockerfile"), Set.of("fullBases", "minimalBases"));
            r.strings(dockerfile.get("fullBases"), JsonPath.of("dockerfile", "fullBases"));
            r.strings(dockerfile.get("minimalBases"), JsonPath.of("dockerfile", "minimalBases"));
        }
        JsonNode images = root.get("images");
        List<SignatureRule> signatureRules = new ArrayList<>();
        List<ImageBuild> builds = new ArrayList<>();
        if (images != null && !images.isNull()) {
            r.requireObject(images, JsonPath.of("images"), Set.of("banned", "requireDigest", "vex", "requireSignature", "builds"));
            builds.addAll(r.builds(images.get("builds"), JsonPath.of("images", "builds")));
            signatureRules.addAll(r.signatureRules(images.get("requireSignature"), JsonPath.of("images", "requireSignature")));
            r.strings(images.get("banned"), JsonPath.of("images", "banned"));
            r.strings(images.get("vex"), JsonPath.of("images", "vex"));
            JsonNode digest = images.get("requireDigest");
            if (digest != null && !digest.isNull() && !digest.isBoolean()) {
                r.strings(digest, JsonPath.of("images", "requireDigest"));
            }
        }
        JsonNode vulndb = root.get("vulndb");
        if (vulndb != null && !vulndb.isNull()) {
            r.requireObject(vulndb, JsonPath.of("vulndb"), Set.of("maxAge"));
            JsonNode age = vulndb.get("maxAge");
            if (age != null && !age.isNull() && !(age.isTextual() && age.textValue().strip().matches("\\d+[dhm]"))) {
                throw r.error(JsonPath.of("vulndb", "maxAge"), "vulndb.maxAge must be an age such as 7d, 36h or 90m");
            }
        }
        // The version checks read these two; a typo must fail here rather than silently skip the check.
        JsonNode k8sVersion = root.get("kubernetesVersion");
        if (k8sVersion != null && !k8sVersion.isNull() && !(k8sVersion.isTextual()
                && k8sVersion.textValue().matches("v?1\\.\\d+(\\.\\d+)?([-+].*)?"))) {
            throw r.error(JsonPath.of("kubernetesVersion"), "kubernetesVersion must be a version such as v1.33.4 or 1.33");
        }
        JsonNode checkDate = root.get("versionCheckDate");
        if (checkDate != null && !checkDate.isNull()) {
            try {
                java.time.LocalDate.parse(checkDate.isTextual() ? checkDate.textValue() : "");
            } catch (java.time.format.DateTimeParseException e) {
                throw r.error(JsonPath.of("versionCheckDate"), "versionCheckDate must be a date such as 2026-11-23");
            }
        }
        r.workloadKinds(root.get("workloadKinds"), JsonPath.of("workloadKinds"));
        // kubeward serve's modes, exemptions and Pod Security level (AdmissionModes), validated here.
        AdmissionModes.parse(root.get("admission"), file, lineOf, knownChecks);
        // Paths the directory walk leaves out (gitignore patterns); the CLI reads them from the tree.
        r.strings(root.get("exclude"), JsonPath.of("exclude"));
        JsonNode report = root.get("report");
        if (report != null && !report.isNull()) {
            r.requireObject(report, JsonPath.of("report"), Set.of("helpBaseUrl"));
            JsonNode help = report.get("helpBaseUrl");
            if (help != null && !help.isNull() && !(help.isTextual() && help.textValue().matches("https?://[^\\s/]+\\S*"))) {
                throw r.error(JsonPath.of("report", "helpBaseUrl"),
                        "report.helpBaseUrl must be an http or https URL, such as https://example.com/kubeward/checks.md");
            }
        }
        List<String> registries = r.strings(root.get("trustedRegistries"), JsonPath.of("trustedRegistries"));
        List<Exemption> exemptions = new ArrayList<>();
        JsonNode ex = root.get("exemptions");
        JsonPath exPath = JsonPath.of("exemptions");
        if (ex != null && !ex.isNull()) {
            if (!ex.isArray()) {
                throw r.error(exPath, "exemptions must be a list");
            }
            for (int i = 0; i < ex.size(); i++) {
                exemptions.add(r.exemption(ex.path(i), exPath.index(i)));
            }
        }
        return new Config(Set.copyOf(disabled), Set.copyOf(enabled), Map.copyOf(severities), registries,
                List.copyOf(exemptions), root, List.copyOf(signatureRules), builds);
    }

    private record Reader(String file, ToIntFunction<JsonPath> lineOf, Set<String> knownChecks) {
        private ConfigFields fields() {
            return new ConfigFields(file, lineOf);
        }

        ConfigException error(JsonPath path, String message) {
            return fields().error(path, message);
        }

        void requireObject(JsonNode node, JsonPath path, Set<String> allowed) throws ConfigException {
            fields().requireObject(node, path, allowed);
        }

        List<String> strings(JsonNode node, JsonPath path) throws ConfigException {
            return fields().strings(node, path);
        }

        /** group, kind and exactly one of podTemplate (a PodTemplateSpec) and podSpec (a PodSpec). */
        void workloadKinds(JsonNode node, JsonPath path) throws ConfigException {
            if (node == null || node.isNull()) {
                return;
            }
            if (!node.isArray()) {
                throw error(path, "workloadKinds must be a list of {group, kind, podTemplate or podSpec}");
            }
            for (int i = 0; i < node.size(); i++) {
                JsonPath at = path.index(i);
                JsonNode e = node.path(i);
                requireObject(e, at, Set.of("group", "kind", "podTemplate", "podSpec"));
                JsonNode group = e.get("group");
                if (group == null || !group.isTextual()) {
                    throw error(at, "a workload kind needs 'group': the API group of the custom resource (every version matches)");
                }
                JsonNode kind = e.get("kind");
                if (kind == null || !kind.isTextual() || kind.textValue().isBlank()) {
                    throw error(at, "a workload kind needs 'kind': the kind of the custom resource");
                }
                boolean template = e.hasNonNull("podTemplate");
                boolean spec = e.hasNonNull("podSpec");
                if (template == spec) {
                    throw error(at, "a workload kind needs exactly one of 'podTemplate' (the path of a pod template: "
                            + "metadata and spec) and 'podSpec' (the path of a pod spec)");
                }
                String key = template ? "podTemplate" : "podSpec";
                JsonNode value = e.get(key);
                if (!value.isTextual()) {
                    throw error(at.key(key), "'" + key + "' must be a path such as spec.template");
                }
                String p = value.textValue();
                try {
                    new WorkloadKinds.Entry(group.textValue(), e.get("kind").textValue(), p, WorkloadKinds.Shape.TEMPLATE, "");
                } catch (IllegalArgumentException bad) {
                    throw error(at.key(key), bad.getMessage() + " (write a dotted path such as spec.template, with [*] "
                            + "for every list element and * for every map value)");
                }
            }
        }

        /**
         * {@code images.requireSignature}: a list of entries, each with {@code image} (a registry/repository
         * glob) and/or {@code namespace} (a glob), and either {@code key} or a keyless identity:
         * {@code trustedRoot}, {@code identity} or {@code identityRegexp}, {@code issuer} or {@code issuerRegexp}.
         */
        List<SignatureRule> signatureRules(JsonNode node, JsonPath path) throws ConfigException {
            List<SignatureRule> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            if (!node.isArray()) {
                throw error(path, "images.requireSignature must be a list of {image and/or namespace, then key, or "
                        + "trustedRoot with identity/identityRegexp and issuer/issuerRegexp}");
            }
            for (int i = 0; i < node.size(); i++) {
                JsonPath at = path.index(i);
                JsonNode e = node.path(i);
                requireObject(e, at, Set.of("image", "namespace", "key", "trustedRoot", "identity", "identityRegexp",
                        "issuer", "issuerRegexp"));
                String image = field(e, at, "image");
                String namespace = field(e, at, "namespace");
                if (image == null && namespace == null) {
                    throw error(at, "a signature rule needs 'image' (a registry/repository glob such as ghcr.io/org/*) "
                            + "or 'namespace' (a namespace glob), or both; '*' covers every image");
                }
                String key = field(e, at, "key");
                String root = field(e, at, "trustedRoot");
                String identity = field(e, at, "identity");
                String identityRe = regexp(e, at, "identityRegexp");
                String issuer = field(e, at, "issuer");
                String issuerRe = regexp(e, at, "issuerRegexp");
                boolean keyless = root != null || identity != null || identityRe != null || issuer != null || issuerRe != null;
                if (key != null && keyless) {
                    throw error(at, "a signature rule names either 'key' (a public key) or a keyless identity "
                            + "(trustedRoot, identity or identityRegexp, issuer or issuerRegexp), not both");
                }
                if (key == null && !keyless) {
                    throw error(at, "a signature rule needs 'key' (a public key file, as cosign generate-key-pair writes "
                            + "cosign.pub) or a keyless identity (trustedRoot, identity or identityRegexp, issuer or issuerRegexp)");
                }
                if (keyless) {
                    if (root == null) {
                        throw error(at, "a keyless signature rule needs 'trustedRoot': the trusted_root.json the "
                                + "certificates chain to (Sigstore's public-good root: 'cosign trusted-root create' or the TUF repository)");
                    }
                    if ((identity == null) == (identityRe == null)) {
                        throw error(at, "a keyless signature rule needs exactly one of 'identity' (the certificate's "
                                + "subject alternative name: an email or a URI) and 'identityRegexp'");
                    }
                    if ((issuer == null) == (issuerRe == null)) {
                        throw error(at, "a keyless signature rule needs exactly one of 'issuer' (the OIDC issuer, such as "
                                + "https://token.actions.githubusercontent.com) and 'issuerRegexp'");
                    }
                }
                out.add(new SignatureRule(i, image, namespace, key, root, identity, identityRe, issuer, issuerRe, file,
                        lineOf.applyAsInt(at)));
            }
            return out;
        }

        private String field(JsonNode node, JsonPath path, String key) throws ConfigException {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual() || v.textValue().isBlank()) {
                throw error(path.key(key), "'" + key + "' must be a non-empty string");
            }
            return v.textValue().strip();
        }

        private String regexp(JsonNode node, JsonPath path, String key) throws ConfigException {
            String re = field(node, path, key);
            if (re != null) {
                try {
                    SignatureRule.validateRegexp(re);
                } catch (java.util.regex.PatternSyntaxException bad) {
                    throw error(path.key(key), "'" + key + "' is not a regular expression: " + bad.getDescription()
                            + " near index " + bad.getIndex());
                }
            }
            return re;
        }

        /**
         * {@code images.builds}: a mapping from a Dockerfile's path to the repository its images
         * are pushed to ({@code ghcr.io/acme/shop}), written as the docker reference grammar
         * allows and without tag or digest, since every tag of the repository is built from it.
         */
        List<ImageBuild> builds(JsonNode node, JsonPath path) throws ConfigException {
            List<ImageBuild> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            if (!node.isObject()) {
                throw error(path, "images.builds must be a mapping from a Dockerfile's path to an image repository, "
                        + "such as docker/shop/Dockerfile: ghcr.io/acme/shop");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonPath at = path.key(e.getKey());
                if (e.getKey().isBlank()) {
                    throw error(at, "images.builds: a Dockerfile path must not be empty");
                }
                JsonNode v = e.getValue();
                if (v == null || !v.isTextual() || v.textValue().isBlank()) {
                    throw error(at, "images.builds: " + e.getKey() + " must map to an image repository such as ghcr.io/acme/shop");
                }
                String repository = v.textValue().strip();
                String problem = dev.kubeward.model.ImageRef.repositoryProblem(repository);
                if (problem != null) {
                    throw error(at, "images.builds: " + e.getKey() + ": " + problem);
                }
                out.add(new ImageBuild(e.getKey(), dev.kubeward.model.ImageRef.parse(repository).fullName(), file,
                        lineOf.applyAsInt(at)));
            }
            return out;
        }

        List<String> checkIds(JsonNode node, JsonPath path) throws ConfigException {
            List<String> ids = strings(node, path);
            for (int i = 0; i < ids.size(); i++) {
                knownCheck(ids.get(i), path.index(i));
            }
            return ids;
        }

        void knownCheck(String id, JsonPath path) throws ConfigException {
            // vap:POLICY-NAME findings come from the admission policies of the scanned input.
            if (!knownChecks.contains(id) && !(id.startsWith("vap:") && id.length() > 4)) {
                throw error(path, "unknown check '" + id + "' (see 'kubeward checks')");
            }
        }

        Exemption exemption(JsonNode node, JsonPath path) throws ConfigException {
            requireObject(node, path, EXEMPTION_KEYS);
            // Whether the id or glob names a check is decided with the scan's inventory (namespaced
            // ids such as vap:NAME come from its objects), and reported as an exemption-invalid
            // finding at this entry's line: see Exemptions.
            String check = text(node, path, "check", true);
            String reason = text(node, path, "reason", true);
            String untilText = text(node, path, "until", false);
            java.time.LocalDate until = null;
            if (untilText != null) {
                until = Exemptions.parseDate(untilText);
                if (until == null) {
                    throw error(path.key("until"), "'until' must be a date such as 2027-01-31 (the last day the exemption applies)");
                }
            }
            JsonPath checkPath = path.key("check");
            return new Exemption(check, orAny(text(node, path, "kind", false)),
                    orAny(text(node, path, "namespace", false)), orAny(text(node, path, "name", false)), reason, until,
                    Exemption.Site.inConfig(file, lineOf.applyAsInt(checkPath), checkPath),
                    until == null ? null : Exemption.Site.inConfig(file, lineOf.applyAsInt(path.key("until")), path.key("until")));
        }

        private static String orAny(String glob) {
            return glob == null ? "*" : glob;
        }

        private String text(JsonNode node, JsonPath path, String key, boolean required) throws ConfigException {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    throw error(path, "an exemption needs '" + key + "'"
                            + (key.equals("reason") ? ": say why the finding is accepted" : ""));
                }
                return null;
            }
            if (!v.isTextual() || v.textValue().isBlank()) {
                throw error(path.key(key), "'" + key + "' must be a non-empty string");
            }
            return v.textValue();
        }
    }
}
