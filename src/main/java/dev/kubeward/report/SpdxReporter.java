package dev.kubeward.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.image.Package;
import dev.kubeward.image.scan.ImageScan;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The inventory of {@code images scan} as an SPDX 2.3 JSON document (spdx.github.io/spdx-spec/v2.3):
 * the document {@code DESCRIBES} each image read (a package of purpose {@code CONTAINER}, its
 * digest as the version), the image {@code CONTAINS} its operating system (purpose
 * {@code OPERATING-SYSTEM}, the os-release {@code ID} and {@code VERSION_ID}, as Syft and Trivy
 * write it) and each package found (purpose {@code LIBRARY}, its purl as a {@code PACKAGE-MANAGER}
 * external reference, its declared license, where it was found as {@code sourceInfo}).
 *
 * <p>Licenses: a declared license that is an SPDX license expression (identifiers joined by
 * {@code AND}, {@code OR}, {@code WITH} and parentheses) is written as it is; any other text becomes
 * a {@code LicenseRef-} with the text in {@code hasExtractedLicensingInfos}, as the specification
 * (section 10) asks. kubeward concludes nothing: {@code licenseConcluded} is {@code NOASSERTION}.
 */
public final class SpdxReporter {
    private static final Pattern LICENSE_ID = Pattern.compile("[A-Za-z0-9.+-]+");
    private static final Pattern OPERATOR = Pattern.compile("AND|OR|WITH");

    private SpdxReporter() {}

    public static void write(ImageScanReport report, PrintWriter out, String toolVersion, Instant now) throws IOException {
        ObjectNode root = JsonReporter.MAPPER.createObjectNode();
        List<ImageScan> read = report.scans().stream().filter(s -> s.error() == null).toList();
        String name = read.size() == 1 ? imageName(read.get(0)) : "kubeward-images";
        root.put("spdxVersion", "SPDX-2.3");
        root.put("dataLicense", "CC0-1.0");
        root.put("SPDXID", "SPDXRef-DOCUMENT");
        root.put("name", name);
        root.put("documentNamespace", "https://kubeward.dev/spdxdocs/" + namespacePart(name) + "-" + UUID.randomUUID());
        ObjectNode info = root.putObject("creationInfo");
        info.put("created", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
        info.putArray("creators").add("Tool: kubeward-" + toolVersion);
        ArrayNode packages = root.putArray("packages");
        ArrayNode relationships = JsonReporter.MAPPER.createArrayNode();
        Map<String, String> extracted = new LinkedHashMap<>();
        int n = 0;
        for (ImageScan s : read) {
            String image = "SPDXRef-Image-" + n;
            ObjectNode img = packages.addObject();
            img.put("SPDXID", image);
            img.put("name", imageName(s));
            if (s.digest() != null) {
                img.put("versionInfo", s.digest());
            }
            unknownOrigin(img, "CONTAINER");
            img.put("comment", "kubeward:image:reference " + s.reference());
            relationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", image);
            if (s.os() != null && s.os().id() != null) {
                String os = image + "-OperatingSystem";
                ObjectNode o = packages.addObject();
                o.put("SPDXID", os);
                o.put("name", s.os().id());
                if (s.os().versionId() != null) {
                    o.put("versionInfo", s.os().versionId());
                }
                unknownOrigin(o, "OPERATING-SYSTEM");
                if (s.os().prettyName() != null) {
                    o.put("description", s.os().prettyName());
                }
                relationship(relationships, image, "CONTAINS", os);
            }
            int i = 0;
            for (Package p : s.packages()) {
                String id = image + "-Package-" + i++;
                ObjectNode c = packages.addObject();
                c.put("SPDXID", id);
                c.put("name", p.name());
                if (p.version() != null) {
                    c.put("versionInfo", p.version());
                }
                unknownOrigin(c, "LIBRARY");
                if (p.license() != null) {
                    c.put("licenseDeclared", license(p.license(), extracted));
                }
                if (p.path() != null) {
                    c.put("sourceInfo", "found at " + p.path() + (p.layer() == null ? "" : " in layer " + p.layer()));
                }
                if (p.purl() != null) {
                    c.putArray("externalRefs").addObject().put("referenceCategory", "PACKAGE-MANAGER")
                            .put("referenceType", "purl").put("referenceLocator", p.purl());
                }
                relationship(relationships, image, "CONTAINS", id);
            }
            n++;
        }
        if (!extracted.isEmpty()) {
            ArrayNode infos = root.putArray("hasExtractedLicensingInfos");
            extracted.forEach((text, ref) -> infos.addObject().put("licenseId", ref).put("extractedText", text));
        }
        root.set("relationships", relationships);
        JsonDocuments.write(root, out);
    }

    /** The license as an SPDX license expression: itself when it is one, else a {@code LicenseRef-} to its text. */
    static String license(String text, Map<String, String> extracted) {
        String t = text.strip();
        if (isExpression(t)) {
            return t;
        }
        return extracted.computeIfAbsent(t, k -> "LicenseRef-" + (extracted.size() + 1) + "-"
                + k.replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^-+|-+$", "").toLowerCase(Locale.ROOT)
                        .transform(x -> x.length() > 40 ? x.substring(0, 40) : x));
    }

    /** An SPDX license expression (Annex D): ids joined by AND, OR, WITH, with balanced parentheses. */
    static boolean isExpression(String t) {
        String spaced = t.replace("(", " ( ").replace(")", " ) ").strip();
        if (spaced.isEmpty()) {
            return false;
        }
        int depth = 0;
        boolean expectOperand = true;
        for (String tok : spaced.split("\\s+")) {
            if (tok.equals("(")) {
                if (!expectOperand) {
                    return false;
                }
                depth++;
            } else if (tok.equals(")")) {
                if (expectOperand || --depth < 0) {
                    return false;
                }
            } else if (OPERATOR.matcher(tok).matches()) {
                if (expectOperand) {
                    return false;
                }
                expectOperand = true;
            } else if (LICENSE_ID.matcher(tok).matches() && !tok.equalsIgnoreCase("and") && !tok.equalsIgnoreCase("or")
                    && !tok.equalsIgnoreCase("with")) {
                if (!expectOperand) {
                    return false;
                }
                expectOperand = false;
            } else {
                return false;
            }
        }
        return depth == 0 && !expectOperand;
    }

    /** What kubeward does not know of a package (where to download it, its licenses, its supplier), and its purpose. */
    private static void unknownOrigin(ObjectNode n, String purpose) {
        n.put("downloadLocation", "NOASSERTION");
        n.put("filesAnalyzed", false);
        n.put("licenseConcluded", "NOASSERTION");
        n.put("licenseDeclared", "NOASSERTION");
        n.put("supplier", "NOASSERTION");
        n.put("primaryPackagePurpose", purpose);
    }

    private static String imageName(ImageScan s) {
        return s.name() != null ? s.name() : s.reference();
    }

    private static String namespacePart(String name) {
        String p = name.replaceAll("[^A-Za-z0-9._-]+", "-");
        return p.isEmpty() ? "image" : p;
    }

    private static void relationship(ArrayNode rel, String from, String type, String to) {
        rel.addObject().put("spdxElementId", from).put("relationshipType", type).put("relatedSpdxElement", to);
    }
}
