package dev.kubeward.checks.secrets;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Credentials recognisable by their shape wherever they appear, after the formats the issuers
 * document and secret scanners such as gitleaks and detect-secrets look for. Each pattern is
 * anchored on a fixed prefix or structure, so ordinary configuration does not match; AWS's own
 * documentation keys (ending in EXAMPLE) are left out.
 */
final class CredentialPatterns {
    /**
     * One shape of credential. {@code minLength} and {@code hints} (literals of which any match
     * must contain one) let most values skip the regex altogether: every env value and ConfigMap
     * entry of a scan passes through here.
     */
    record Kind(String name, Pattern pattern, int minLength, List<String> hints) {
        boolean mayMatch(String text) {
            if (text.length() < minLength) {
                return false;
            }
            for (String hint : hints) {
                if (text.contains(hint)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("a private key", Pattern.compile("-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY( BLOCK)?-----"), 26,
                    List.of("PRIVATE KEY")),
            new Kind("an AWS access key id", Pattern.compile("\\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}\\b"), 20,
                    List.of("AKIA", "ASIA", "ABIA", "ACCA", "A3T")),
            new Kind("a GCP service-account key",
                    Pattern.compile("\"type\"\\s*:\\s*\"service_account\"[\\s\\S]*\"private_key\"\\s*:"), 38,
                    List.of("service_account")),
            new Kind("a Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"), 39, List.of("AIza")),
            new Kind("an Azure storage account key", Pattern.compile("AccountKey=[A-Za-z0-9+/]{86}=="), 99,
                    List.of("AccountKey=")),
            new Kind("a GitHub token", Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\\b"), 40,
                    List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")),
            new Kind("a GitLab token", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20}\\b"), 26, List.of("glpat-")),
            new Kind("a Slack token", Pattern.compile("\\bxox[baprs]-[A-Za-z0-9-]{10,}"), 15, List.of("xox")),
            new Kind("a Stripe secret key", Pattern.compile("\\b[sr]k_live_[A-Za-z0-9]{24,}\\b"), 32, List.of("k_live_")),
            new Kind("a JSON Web Token", Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"), 38,
                    List.of("eyJ")),
            new Kind("a password in a URL", Pattern.compile("\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:([^/\\s:@$<{]{3,})@[^\\s]+"), 11,
                    List.of("://")));

    private CredentialPatterns() {}

    /** What kind of credential the text contains, if any. */
    static Optional<String> find(String text) {
        for (Kind k : KINDS) {
            if (!k.mayMatch(text)) {
                continue;
            }
            var m = k.pattern().matcher(text);
            while (m.find()) {
                if (!m.group().endsWith("EXAMPLE") && !isPlaceholderPassword(k, m)) {
                    return Optional.of(k.name());
                }
            }
        }
        return Optional.empty();
    }

    /** postgres://user:password@host in documentation is a placeholder, not a leak. */
    private static boolean isPlaceholderPassword(Kind k, java.util.regex.Matcher m) {
        return k.name().equals("a password in a URL") && CredentialNames.isPlaceholder(m.group(1));
    }
}
