package dev.kubeward.checks.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a key or variable name says it holds a credential, and whether a value is a real
 * literal rather than a placeholder, a reference or a setting about credentials. Names are split
 * into words (snake, kebab, dotted and camel case) so MAX_TOKENS or tokenTtl are not read as tokens.
 */
final class CredentialNames {
    enum Strength {
        /** Passwords: any literal is a finding, however short or simple. */
        PASSWORD,
        /** Tokens, keys, secrets: the value must also look random, since "secret: db-creds" is configuration. */
        KEY,
        /**
         * Names that only ever hold a cloud credential (AWS_SECRET_ACCESS_KEY, AZURE_…_KEY,
         * OCI_CLI_KEY_CONTENT, after Polaris' sensitive key list): any literal of 8+ characters without
         * spaces is one.
         */
        CLOUD_KEY,
        NONE
    }

    private static final Set<String> PASSWORD_WORDS = Set.of("password", "passwd", "passphrase");
    private static final Set<String> KEY_WORDS = Set.of("secret", "token", "credential", "credentials", "apikey",
            "bearer");
    private static final Set<String> KEY_PAIRS = Set.of("api key", "access key", "private key", "secret key",
            "auth key", "client secret", "signing key", "encryption key", "master key");
    /** A last word that makes the name a setting about the credential, or a pointer to it. */
    private static final Set<String> NOT_A_VALUE = Set.of("file", "path", "dir", "name", "ref", "url", "uri",
            "endpoint", "length", "len", "ttl", "timeout", "expiry", "expiration", "expires", "lifetime", "duration",
            "enabled", "enable", "disabled", "type", "header", "audience", "issuer", "scope", "scopes", "version", "mode",
            "policy", "kind", "id", "key", "keys", "min", "max", "count", "size", "seconds", "secs", "minutes", "hours",
            "days", "format", "algorithm", "hash", "field", "env", "var", "source", "provider", "store", "regex",
            "pattern", "prefix", "suffix", "required", "rotation", "location", "mount", "namespace");

    private CredentialNames() {}

    /** Every credential word and pair contains one of these: a name without any is no credential name. */
    private static final List<String> FRAGMENTS = List.of("pass", "secret", "token", "credential", "key", "bearer");

    /**
     * Polaris' sensitive names (checks/sensitiveContainerEnvVar.yaml and sensitiveConfigmapContent:
     * {@code ^AWS_SECRET_ACCESS_KEY$}, {@code ^AZURE_.+KEY$}, {@code ^OCI_CLI_KEY_CONTENT$}), by words
     * so that kebab and dotted spellings count too. GOOGLE_APPLICATION_CREDENTIALS, also on that list,
     * is the path of a key file by definition: it is a KEY name, and its value is judged as one.
     */
    private static boolean isCloudKeyName(List<String> words) {
        String joined = String.join("_", words);
        return joined.equals("aws_secret_access_key") || joined.equals("oci_cli_key_content")
                || words.size() >= 3 && words.get(0).equals("azure") && words.get(words.size() - 1).equals("key");
    }

    static Strength strength(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (FRAGMENTS.stream().noneMatch(lower::contains)) {
            return Strength.NONE; // most names of a scan; spares the word split
        }
        List<String> words = words(name);
        if (isCloudKeyName(words)) {
            return Strength.CLOUD_KEY;
        }
        if (words.isEmpty() || NOT_A_VALUE.contains(words.get(words.size() - 1)) && !endsWithKeyPair(words)) {
            return Strength.NONE;
        }
        // Compounds count too: PGPASSWORD, clientsecret, apitoken; "maxtokens" does not end in a key word.
        if (words.stream().anyMatch(w -> endsWithAny(w, PASSWORD_WORDS))) {
            return Strength.PASSWORD;
        }
        if (words.stream().anyMatch(w -> endsWithAny(w, KEY_WORDS))) {
            return Strength.KEY;
        }
        for (int i = 0; i + 1 < words.size(); i++) {
            if (KEY_PAIRS.contains(words.get(i) + " " + words.get(i + 1))) {
                return Strength.KEY;
            }
        }
        return Strength.NONE;
    }

    private static boolean endsWithAny(String word, Set<String> endings) {
        return endings.stream().anyMatch(word::endsWith);
    }

    /** "API_KEY", "secretKey": the last word is "key" but the pair names a credential. */
    private static boolean endsWithKeyPair(List<String> words) {
        int n = words.size();
        return n >= 2 && KEY_PAIRS.contains(words.get(n - 2) + " " + words.get(n - 1));
    }

    /**
     * The lower-case words of a name: split at every character that is not an ASCII letter or
     * digit, and between a lower-case letter or digit and the upper-case letter after it. Written
     * by hand because it runs for every env var and ConfigMap key of a scan, where the regex
     * version was a measurable share of the time.
     */
    static List<String> words(String name) {
        List<String> out = new ArrayList<>(4);
        StringBuilder word = new StringBuilder();
        char previous = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean upper = c >= 'A' && c <= 'Z';
            boolean lowerOrDigit = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (upper && (previous >= 'a' && previous <= 'z' || previous >= '0' && previous <= '9')) {
                flush(word, out);
            }
            if (upper) {
                word.append((char) (c + ('a' - 'A')));
            } else if (lowerOrDigit) {
                word.append(c);
            } else {
                flush(word, out);
            }
            previous = c;
        }
        flush(word, out);
        return out;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (word.length() > 0) {
            out.add(word.toString());
            word.setLength(0);
        }
    }

    /**
     * Values that stand for a credential without being one: templates and variables ({@code ${VAR}},
     * {@code $VAR}, {@code %VAR%}, {@code {{ .Values.x }}}, {@code <password>}), references and paths,
     * masks ({@code ****}, {@code xxxx-xxxx}), and the words of examples: {@code changeme}, or an
     * identifier without digits such as {@code INSERT_YOUR_TOKEN_HERE} or {@code your-api-key} whose
     * words say it is to be filled in.
     */
    static boolean isPlaceholder(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.contains("${") || v.contains("$(") || v.contains("{{") || v.startsWith("<")
                || v.startsWith("/") || v.startsWith("./") || v.startsWith("vault:") || v.startsWith("ref+")) {
            return true;
        }
        if (VARIABLE.matcher(v).matches() || v.indexOf('<') >= 0 && v.indexOf('>') > v.indexOf('<')) {
            return true; // $VAR, %VAR%, {name}; "Bearer <token>"
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (PLACEHOLDER_WORDS.contains(lower)) {
            return true;
        }
        if (MASK.matcher(v).matches()) {
            return true; // "****", "xxxxxxxx", "xxxx-xxxx-xxxx", "..."
        }
        // Real passwords tend to carry digits; "Hunter2-here-now" is one, "INSERT_TOKEN_HERE" is not.
        if (IDENTIFIER.matcher(v).matches() && v.chars().noneMatch(Character::isDigit)) {
            for (String w : words(v)) {
                if (FILL_IN_WORDS.contains(w)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|\\{[A-Za-z_][A-Za-z0-9_.]*\\}");
    private static final Pattern MASK = Pattern.compile("[xX*•.#_-]{3,}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.\\-]+");
    /** Words that mark a value as one to fill in: INSERT_…_TOKEN, YOUR_API_KEY, REPLACE_WITH_…, …_HERE. */
    private static final Set<String> FILL_IN_WORDS = Set.of("insert", "your", "replace", "replaceme", "changeme",
            "enter", "here", "placeholder", "dummy", "fake", "example", "sample", "redacted", "todo", "tbd", "fixme",
            "xxx", "xxxx");

    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?[a-zA-Z]{0,2}");
    private static final Set<String> PLACEHOLDER_WORDS = Set.of("true", "false", "yes", "no", "null", "none",
            "changeme", "change-me", "change_me", "replaceme", "replace-me", "password", "secret", "redacted",
            "example", "xxx", "todo", "placeholder", "dummy", "empty", "notset", "not-set", "unset");

    static boolean isNumber(String value) {
        return NUMBER.matcher(value.strip()).matches();
    }

    /** Shannon entropy in bits per character: random keys score well above prose and identifiers. */
    static double entropy(String s) {
        int[] counts = new int[128];
        int other = 0;
        for (char c : s.toCharArray()) {
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        for (int c : counts) {
            h -= term(c, s.length());
        }
        return h - term(other, s.length());
    }

    private static double term(int count, int length) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / length;
        return p * Math.log(p) / Math.log(2);
    }

    /**
     * Whether a literal value under a credential name is a credential. Passwords count whatever
     * they look like; for keys and tokens the value must look random (16+ characters, no spaces,
     * at least 3.5 bits of entropy per character), which identifiers and prose do not.
     */
    static boolean isCredentialValue(Strength strength, String value) {
        if (strength == Strength.NONE || isPlaceholder(value) || isNumber(value)) {
            return false;
        }
        String v = value.strip();
        if (strength == Strength.PASSWORD) {
            return v.length() >= 4;
        }
        if (strength == Strength.CLOUD_KEY) {
            return v.length() >= 8 && v.chars().noneMatch(Character::isWhitespace);
        }
        return v.length() >= 16 && !v.contains(" ") && entropy(v) >= 3.5;
    }
}
