package dev.kubeward.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.image.sign.CosignVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * The report of {@code kubeward images verify}: per image, its digest, whether a signature
 * verified, and every signature looked at; as text, or JSON ({@code schemas/images-verify.schema.json}).
 *
 * @param images each image named, in order
 */
public record ImageVerifyReport(List<Entry> images) {

    /**
     * One image: what verification found, or why it could not be read.
     *
     * @param reference as named on the command line
     * @param result    the signatures found, or null when the image could not be read
     * @param error     why the image could not be read, or null
     */
    public record Entry(String reference, CosignVerifier.Result result, String error) {
        public boolean verified() {
            return result != null && result.verified();
        }
    }

    public long verified() {
        return images.stream().filter(Entry::verified).count();
    }

    /** One line per image (each signature beneath it with {@code verbose}), then {@code N of M images verified}. */
    public void writeText(PrintWriter out, boolean quiet, boolean verbose) {
        if (!quiet) {
            for (Entry e : images) {
                CosignVerifier.Result r = e.result();
                if (r == null) {
                    out.println(e.reference() + ": NOT READ: " + e.error());
                    continue;
                }
                if (r.verified()) {
                    long n = r.checks().stream().filter(CosignVerifier.Check::verified).count();
                    out.println(e.reference() + " (" + r.digest() + "): verified, " + n + " signature" + (n == 1 ? "" : "s"));
                } else {
                    out.println(e.reference() + " (" + r.digest() + "): NOT VERIFIED: " + r.failure());
                }
                if (verbose) {
                    for (CosignVerifier.Check c : r.checks()) {
                        out.println("  " + c.where() + ": " + (c.verified() ? "verifies" : c.reason()));
                    }
                }
            }
        }
        int total = images.size();
        out.println(verified() + " of " + total + " image" + (total == 1 ? "" : "s") + " verified");
    }

    /** The JSON document: the header given, then {@code images[]} and {@code summary}. */
    public void writeJson(PrintWriter out, ObjectNode root) throws IOException {
        ArrayNode list = root.putArray("images");
        for (Entry e : images) {
            ObjectNode n = list.addObject();
            n.put("reference", e.reference());
            CosignVerifier.Result r = e.result();
            n.put("digest", r == null ? null : r.digest().toString());
            n.put("verified", e.verified());
            n.put("failure", r == null ? null : r.failure());
            n.put("error", e.error());
            ArrayNode sigs = n.putArray("signatures");
            if (r != null) {
                for (CosignVerifier.Check c : r.checks()) {
                    sigs.addObject().put("where", c.where()).put("verified", c.verified()).put("reason", c.reason());
                }
            }
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("images", images.size());
        summary.put("verified", verified());
        summary.put("notVerified", images.stream().filter(e -> e.result() != null && !e.verified()).count());
        summary.put("notRead", images.stream().filter(e -> e.result() == null).count());
        JsonDocuments.write(root, out);
    }
}
