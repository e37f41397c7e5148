package dev.kubeward.check;

/**
 * What the door that runs the scan knows of image signatures, for {@code image-signature-required}:
 * {@code scan --images} verifies every image the configuration's rules cover before the checks run,
 * the admission server answers from a cache verified in the background. Never waits for a registry.
 */
public interface SignatureStatus {
    enum State { VERIFIED, NOT_VERIFIED, UNREADABLE, PENDING }

    /**
     * @param digest the digest the image reference resolved to, or null
     * @param detail why it is not verified, why it could not be read, or what is still being read
     */
    record Verdict(State state, String digest, String detail) {}

    /** The verdict on an image (as the manifest writes it) under one rule. */
    Verdict verdict(String image, SignatureRule rule);
}
