package dev.kubeward.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code images.requireSignature}: what an entry must hold, and errors at the line of the entry or field. */
class SignatureRulesConfigTest {
    static Config parse(String yaml) throws Exception {
        ParsedDocument doc = YamlTreeBuilder.parse(yaml, 1);
        return Config.parse(doc.root(), ".kubeward.yaml", p -> doc.sourceMap().locate(doc.root(), p).line(),
                CheckRegistry.builtIn().ids());
    }

    @Test
    void entriesKeepWhatTheyCoverWhoSignsAndTheirLine() throws Exception {
        Config c = parse("""
                images:
                  requireSignature:
                    - image: "ghcr.io/org/*"
                      key: keys/cosign.pub
                    - namespace: prod-*
                      trustedRoot: trusted_root.json
                      identityRegexp: ^https://github.com/org/
                      issuer: https://token.actions.githubusercontent.com
                """);
        assertThat(c.signatureRules()).hasSize(2);
        SignatureRule k = c.signatureRules().get(0);
        assertThat(k.image()).isEqualTo("ghcr.io/org/*");
        assertThat(k.namespace()).isNull();
        assertThat(k.keyless()).isFalse();
        assertThat(k.line()).isEqualTo(3);
        assertThat(k.name()).isEqualTo("images.requireSignature[0]");
        assertThat(k.signer()).isEqualTo("the key keys/cosign.pub");
        SignatureRule kl = c.signatureRules().get(1);
        assertThat(kl.keyless()).isTrue();
        assertThat(kl.line()).isEqualTo(5);
        assertThat(kl.signer()).isEqualTo("a certificate for an identity matching /^https://github.com/org// issued by "
                + "https://token.actions.githubusercontent.com");
        assertThat(kl.covers("prod-eu", false)).isTrue();
        assertThat(kl.covers("staging", true)).isFalse();
        assertThat(kl.covers(null, true)).isFalse();
        assertThat(k.covers("anything", false)).isFalse();
        assertThat(k.covers("anything", true)).isTrue();
        // A rule re-read under an option's name (ConfigFiles.withSetting) keeps the rules of the file.
        assertThat(c.withExemptions(java.util.List.of()).signatureRules()).isEqualTo(c.signatureRules());
        assertThat(c.withEnabled("image-tag-latest").signatureRules()).isEqualTo(c.signatureRules());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not a list            | 'requireSignature: {key: a}'                                         | 2 | must be a list
            unknown key           | 'requireSignature: [{image: a, key: k, keys: x}]'                    | 2 | unknown key 'keys'
            nothing covered       | 'requireSignature: [{key: k}]'                                       | 2 | needs 'image'
            no signer             | 'requireSignature: [{image: a}]'                                     | 2 | needs 'key'
            both signers          | 'requireSignature: [{image: a, key: k, identity: i}]'                | 2 | not both
            empty key             | 'requireSignature: [{image: a, key: ""}]'                            | 2 | 'key' must be a non-empty string
            keyless without root  | 'requireSignature: [{image: a, identity: i, issuer: s}]'             | 2 | needs 'trustedRoot'
            no identity           | 'requireSignature: [{image: a, trustedRoot: r, issuer: s}]'          | 2 | exactly one of 'identity'
            two identities        | 'requireSignature: [{image: a, trustedRoot: r, identity: i, identityRegexp: j, issuer: s}]' | 2 | exactly one of 'identity'
            no issuer             | 'requireSignature: [{image: a, trustedRoot: r, identity: i}]'        | 2 | exactly one of 'issuer'
            bad regexp            | 'requireSignature: [{image: a, trustedRoot: r, identityRegexp: "a(", issuer: s}]' | 2 | 'identityRegexp' is not a regular expression
            """)
    void badEntriesAreErrorsAtTheirLine(String name, String entry, int line, String message) {
        assertThatThrownBy(() -> parse("images:\n  " + entry + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.toString()).startsWith(".kubeward.yaml:" + line + ": "));
    }
}
