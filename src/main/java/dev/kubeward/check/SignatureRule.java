package dev.kubeward.check;

import java.util.regex.Pattern;

/**
 * One entry of {@code images.requireSignature}: the images it covers (a registry/repository glob,
 * a namespace glob, or both) and who must have signed them: a public key, or a keyless identity
 * (the Fulcio certificate's subject alternative name and OIDC issuer, exact or a regular
 * expression, against a {@code trusted_root.json}). Paths are as written, relative to the
 * configuration file.
 *
 * @param index the entry's position in the list
 * @param file the configuration file, as messages name it
 * @param line the entry's line in it
 */
public record SignatureRule(int index, String image, String namespace, String key, String trustedRoot,
        String identity, String identityRegexp, String issuer, String issuerRegexp, String file, int line) {

    public boolean keyless() {
        return key == null;
    }

    /** {@code images.requireSignature[0]}. */
    public String name() {
        return "images.requireSignature[" + index + "]";
    }

    /** Who must have signed, for messages: {@code the key cosign.pub}, {@code a certificate for ID issued by ISS}. */
    public String signer() {
        if (!keyless()) {
            return "the key " + key;
        }
        return "a certificate for " + (identity != null ? identity : "an identity matching /" + identityRegexp + "/")
                + " issued by " + (issuer != null ? issuer : "an issuer matching /" + issuerRegexp + "/");
    }

    /** Whether this entry covers an image (its normalised registry/repository and the reference as written) in a namespace. */
    public boolean covers(String namespace, boolean imageMatches) {
        return (this.namespace == null || (namespace != null && Glob.matches(this.namespace, namespace)))
                && (image == null || imageMatches);
    }

    static void validateRegexp(String re) {
        Pattern.compile(re);
    }
}
