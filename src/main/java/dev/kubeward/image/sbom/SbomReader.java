package dev.kubeward.image.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.kubeward.image.Package;
import dev.kubeward.image.catalog.OsInfo;
import dev.kubeward.image.oci.ImageException;
import dev.kubeward.image.vuln.OsvEcosystems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an SBOM instead of an image ({@code images scan sbom:FILE}): CycloneDX 1.4, 1.5 and 1.6
 * JSON and SPDX 2.3 JSON, as kubeward, Syft and Trivy write them. Packages come from each
 * component's purl ({@link PurlPackages}); the OS from the {@code operating-system} component
 * (CycloneDX) or the {@code OPERATING-SYSTEM} package (SPDX), and per package from the purl's
 * {@code distro} qualifier. A document describing several images gives one result per image.
 * Components without a purl, or with one that is not valid, are kept (listed, not matched) and
 * counted in the problems: nothing is dropped silently.
 */
public final class SbomReader {
    /** SBOMs larger than this are refused rather than read into memory. */
    static final long MAX_BYTES = 512L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DIGEST = Pattern.compile("sha(256|512):[0-9a-f]{64,128}");

    private SbomReader() {}

    /** One image of an SBOM: its name and digest when the SBOM says, its OS, its packages, and what could not be used. */
    public record SbomImage(String name, String digest, OsInfo os, List<Package> packages, List<String> problems) {}

    /** The images an SBOM file describes; an {@link ImageException} naming the file when it is not one kubeward reads. */
    public static List<SbomImage> read(Path file) throws ImageException {
        JsonNode doc;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ImageException(file + ": the SBOM is larger than " + (MAX_BYTES >> 20) + " MB");
            }
            try (InputStream in = Files.newInputStream(file)) {
                doc = JSON.readTree(in);
            }
        } catch (NoSuchFileException e) {
            throw new ImageException(file + ": no such SBOM file");
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ImageException(file + (loc == null ? "" : ":" + loc.getLineNr()) + ": not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ImageException(file + ": " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw new ImageException(file + ": not an SBOM: the document is not a JSON object");
        }
        if (doc.has("bomFormat")) {
            return cycloneDx(file, doc);
        }
        if (doc.has("spdxVersion")) {
            return spdx(file, doc);
        }
        throw new ImageException(file + ": not an SBOM kubeward reads: neither CycloneDX JSON (bomFormat) nor SPDX JSON (spdxVersion)");
    }

    // ---------------------------------------------------------------- CycloneDX

    private static List<SbomImage> cycloneDx(Path file, JsonNode doc) throws ImageException {
        if (!doc.path("bomFormat").asText().equals("CycloneDX")) {
            throw new ImageException(file + ": bomFormat is '" + doc.path("bomFormat").asText() + "', not CycloneDX");
        }
        String spec = doc.path("specVersion").asText("");
        if (!Set.of("1.4", "1.5", "1.6").contains(spec)) {
            throw new ImageException(file + ": CycloneDX specVersion '" + spec + "' is not one kubeward reads (1.4, 1.5, 1.6)");
        }
        JsonNode components = doc.path("components");
        if (!components.isMissingNode() && !components.isArray()) {
            throw new ImageException(file + ": /components is not an array");
        }
        // Every component, nested ones included, by bom-ref.
        List<JsonNode> all = new ArrayList<>();
        Map<String, JsonNode> byRef = new HashMap<>();
        Deque<JsonNode> todo = new ArrayDeque<>();
        components.forEach(todo::add);
        while (!todo.isEmpty()) {
            JsonNode c = todo.poll();
            if (!c.isObject()) {
                throw new ImageException(file + ": a component is not an object: " + abbreviate(c.toString()));
            }
            all.add(c);
            if (c.hasNonNull("bom-ref")) {
                byRef.put(c.get("bom-ref").asText(), c);
            }
            c.path("components").forEach(todo::add);
        }
        JsonNode root = doc.path("metadata").path("component");
        List<JsonNode> containers = all.stream().filter(c -> c.path("type").asText().equals("container")).toList();
        List<SbomImage> out = new ArrayList<>();
        if (containers.isEmpty() || root.path("type").asText().equals("container")) {
            List<JsonNode> members = all.stream().filter(c -> !c.path("type").asText().equals("container")).toList();
            out.add(cdxImage(file, root.isObject() ? root : null, members));
            return out;
        }
        // Several images (kubeward's BOM of several): each container's components are its dependencies.
        Map<String, List<String>> deps = new HashMap<>();
        for (JsonNode d : doc.path("dependencies")) {
            List<String> on = new ArrayList<>();
            d.path("dependsOn").forEach(x -> on.add(x.asText()));
            deps.put(d.path("ref").asText(), on);
        }
        Set<JsonNode> claimed = new HashSet<>(containers);
        for (JsonNode c : containers) {
            List<JsonNode> members = new ArrayList<>();
            for (String r : reachable(c.path("bom-ref").asText(), deps)) {
                JsonNode m = byRef.get(r);
                if (m != null && !m.path("type").asText().equals("container")) {
                    members.add(m);
                    claimed.add(m);
                }
            }
            out.add(cdxImage(file, c, members));
        }
        List<JsonNode> rest = all.stream().filter(c -> !claimed.contains(c)).toList();
        if (!rest.isEmpty()) {
            out.add(cdxImage(file, null, rest));
        }
        return out;
    }

    private static SbomImage cdxImage(Path file, JsonNode image, List<JsonNode> members) {
        OsInfo os = osOf(members, "type", "operating-system", "version");
        List<Package> packages = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int noPurl = 0;
        for (JsonNode c : members) {
            String type = c.path("type").asText();
            if (type.equals("operating-system")) {
                continue;
            }
            Map<String, String> props = properties(c);
            String name = text(c, "name");
            String version = text(c, "version");
            String path = props.getOrDefault("kubeward:package:path", occurrence(c, props));
            String purl = text(c, "purl");
            Package p;
            if (purl == null) {
                if (!type.equals("library") && !type.equals("framework") && !type.equals("application")) {
                    continue; // files, data, devices: not packages
                }
                noPurl++;
                p = Package.language(name, version, null, null, path);
            } else {
                try {
                    p = PurlPackages.of(purl, name, version, os, path, trivySource(props));
                } catch (MalformedPackageURLException e) {
                    problems.add(file + ": component '" + name + "': '" + purl + "' is not a package URL (" + e.getMessage()
                            + "): listed, not matched");
                    p = Package.language(name, version, null, null, path);
                }
            }
            String layer = props.getOrDefault("kubeward:package:layerDiffID",
                    props.getOrDefault("aquasecurity:trivy:LayerDiffID", props.get("syft:location:0:layerID")));
            packages.add(p.withLicense(cdxLicense(c)).withLayer(layer));
        }
        if (noPurl > 0) {
            problems.add(file + ": " + noPurl + (noPurl == 1 ? " component has" : " components have")
                    + " no purl: listed, not matched");
        }
        String name = image == null ? null : text(image, "name");
        String digest = image == null ? null : digestOf(image, properties(image));
        return new SbomImage(name, digest, os, List.copyOf(packages), List.copyOf(problems));
    }

    /** Trivy's source package properties: {@code SrcName}, and {@code [SrcEpoch:]SrcVersion[-SrcRelease]}. */
    private static String[] trivySource(Map<String, String> props) {
        String name = props.get("aquasecurity:trivy:SrcName");
        if (name == null) {
            return null;
        }
        String v = props.get("aquasecurity:trivy:SrcVersion");
        if (v != null) {
            String epoch = props.get("aquasecurity:trivy:SrcEpoch");
            String release = props.get("aquasecurity:trivy:SrcRelease");
            v = (epoch != null && !epoch.equals("0") ? epoch + ":" : "") + v + (release != null && !release.isEmpty() ? "-" + release : "");
        }
        return new String[] {name, v};
    }

    private static final Pattern BUILT_FROM = Pattern.compile("built package from: (\\S+)(?: (\\S+))?");

    /** Trivy's SPDX {@code sourceInfo}: {@code built package from: NAME VERSION}. */
    private static String[] builtFrom(String sourceInfo) {
        Matcher m = sourceInfo == null ? null : BUILT_FROM.matcher(sourceInfo);
        return m != null && m.matches() ? new String[] {m.group(1), m.group(2)} : null;
    }

    private static String occurrence(JsonNode c, Map<String, String> props) {
        JsonNode occ = c.path("evidence").path("occurrences").path(0);
        if (occ.hasNonNull("location")) {
            String loc = occ.get("location").asText();
            return occ.has("line") ? loc + ":" + occ.get("line").asInt() : loc;
        }
        return props.get("syft:location:0:path");
    }

    private static String cdxLicense(JsonNode c) {
        List<String> parts = new ArrayList<>();
        for (JsonNode l : c.path("licenses")) {
            if (l.hasNonNull("expression")) {
                parts.add(l.get("expression").asText());
            } else if (l.path("license").hasNonNull("id")) {
                parts.add(l.path("license").get("id").asText());
            } else if (l.path("license").hasNonNull("name")) {
                parts.add(l.path("license").get("name").asText());
            }
        }
        return parts.isEmpty() ? null : parts.size() == 1 ? parts.get(0) : String.join(" AND ", parts);
    }

    private static Map<String, String> properties(JsonNode c) {
        Map<String, String> m = new LinkedHashMap<>();
        for (JsonNode p : c.path("properties")) {
            if (p.hasNonNull("name") && p.hasNonNull("value")) {
                m.putIfAbsent(p.get("name").asText(), p.get("value").asText());
            }
        }
        return m;
    }

    /** The digest of an image component: its version (kubeward, Syft), Trivy's RepoDigest, or its pkg:oci purl's version. */
    private static String digestOf(JsonNode image, Map<String, String> props) {
        List<String> candidates = new ArrayList<>();
        candidates.add(text(image, "version"));
        String repoDigest = props.get("aquasecurity:trivy:RepoDigest");
        if (repoDigest != null && repoDigest.contains("@")) {
            candidates.add(repoDigest.substring(repoDigest.indexOf('@') + 1));
        }
        candidates.add(ociDigest(text(image, "purl")));
        return candidates.stream().filter(d -> d != null && DIGEST.matcher(d).matches()).findFirst().orElse(null);
    }

    private static String ociDigest(String purl) {
        if (purl == null || !purl.startsWith("pkg:oci/")) {
            return null;
        }
        try {
            return new PackageURL(purl).getVersion();
        } catch (MalformedPackageURLException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- SPDX

    private static List<SbomImage> spdx(Path file, JsonNode doc) throws ImageException {
        String version = doc.path("spdxVersion").asText();
        if (!version.equals("SPDX-2.3")) {
            throw new ImageException(file + ": spdxVersion '" + version + "' is not one kubeward reads (SPDX-2.3)");
        }
        JsonNode packages = doc.path("packages");
        if (!packages.isMissingNode() && !packages.isArray()) {
            throw new ImageException(file + ": /packages is not an array");
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode p : packages) {
            if (!p.isObject() || !p.hasNonNull("SPDXID")) {
                throw new ImageException(file + ": /packages/" + i + " is not a package with an SPDXID");
            }
            byId.put(p.get("SPDXID").asText(), p);
            i++;
        }
        Map<String, String> extracted = new HashMap<>();
        for (JsonNode x : doc.path("hasExtractedLicensingInfos")) {
            if (x.hasNonNull("licenseId") && x.hasNonNull("extractedText")) {
                extracted.put(x.get("licenseId").asText(), x.get("extractedText").asText());
            }
        }
        Map<String, List<String>> contains = new HashMap<>();
        for (JsonNode r : doc.path("relationships")) {
            String type = r.path("relationshipType").asText();
            String a = r.path("spdxElementId").asText();
            String b = r.path("relatedSpdxElement").asText();
            if (type.equals("CONTAINS")) {
                contains.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
            } else if (type.equals("CONTAINED_BY")) {
                contains.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
            }
        }
        List<JsonNode> containers = byId.values().stream()
                .filter(p -> p.path("primaryPackagePurpose").asText().equals("CONTAINER")).toList();
        List<SbomImage> out = new ArrayList<>();
        if (containers.size() <= 1) {
            JsonNode image = containers.isEmpty() ? null : containers.get(0);
            out.add(spdxImage(file, image, byId.values().stream().filter(p -> p != image).toList(), extracted));
            return out;
        }
        Set<JsonNode> claimed = new HashSet<>(containers);
        for (JsonNode c : containers) {
            List<JsonNode> members = new ArrayList<>();
            for (String id : reachable(c.get("SPDXID").asText(), contains)) {
                JsonNode m = byId.get(id);
                if (m != null && !containers.contains(m)) {
                    members.add(m);
                    claimed.add(m);
                }
            }
            out.add(spdxImage(file, c, members, extracted));
        }
        List<JsonNode> rest = byId.values().stream().filter(p -> !claimed.contains(p)).toList();
        if (!rest.isEmpty()) {
            out.add(spdxImage(file, null, rest, extracted));
        }
        return out;
    }

    private static SbomImage spdxImage(Path file, JsonNode image, List<JsonNode> members, Map<String, String> extracted) {
        OsInfo os = osOf(members, "primaryPackagePurpose", "OPERATING-SYSTEM", "versionInfo");
        List<Package> packages = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int noPurl = 0;
        for (JsonNode p : members) {
            String purpose = p.path("primaryPackagePurpose").asText();
            if (purpose.equals("OPERATING-SYSTEM")) {
                continue;
            }
            String name = text(p, "name");
            String version = text(p, "versionInfo");
            String[] place = sourceInfo(text(p, "sourceInfo"));
            List<String> purls = new ArrayList<>();
            for (JsonNode ref : p.path("externalRefs")) {
                String cat = ref.path("referenceCategory").asText();
                if ((cat.equals("PACKAGE-MANAGER") || cat.equals("PACKAGE_MANAGER")) && ref.path("referenceType").asText().equals("purl")
                        && ref.hasNonNull("referenceLocator")) {
                    purls.add(ref.get("referenceLocator").asText());
                }
            }
            Package pkg;
            if (purls.isEmpty()) {
                if (purpose.equals("FILE") || purpose.equals("SOURCE") || purpose.equals("ARCHIVE")) {
                    continue; // not an installed package
                }
                noPurl++;
                pkg = Package.language(name, version, null, null, place[0]);
            } else {
                try {
                    pkg = PurlPackages.of(purls.get(0), name, version, os, place[0], builtFrom(text(p, "sourceInfo")));
                } catch (MalformedPackageURLException e) {
                    problems.add(file + ": package '" + name + "': '" + purls.get(0) + "' is not a package URL (" + e.getMessage()
                            + "): listed, not matched");
                    pkg = Package.language(name, version, null, null, place[0]);
                }
            }
            packages.add(pkg.withLicense(spdxLicense(text(p, "licenseDeclared"), extracted)).withLayer(place[1]));
        }
        if (noPurl > 0) {
            problems.add(file + ": " + noPurl + (noPurl == 1 ? " package has" : " packages have") + " no purl: listed, not matched");
        }
        String name = image == null ? null : text(image, "name");
        String digest = null;
        if (image != null) {
            String v = text(image, "versionInfo");
            digest = v != null && DIGEST.matcher(v).matches() ? v : null;
            for (JsonNode ref : image.path("externalRefs")) {
                String d = ociDigest(text(ref, "referenceLocator"));
                if (digest == null && d != null && DIGEST.matcher(d).matches()) {
                    digest = d;
                }
            }
        }
        return new SbomImage(name, digest, os, List.copyOf(packages), List.copyOf(problems));
    }

    private static final Pattern KUBEWARD_SOURCE = Pattern.compile("found at (.+?)(?: in layer (\\S+))?");

    /** Path and layer from {@code sourceInfo}: kubeward's {@code found at PATH in layer ID}, Syft's {@code acquired package info from …: PATH}. */
    private static String[] sourceInfo(String s) {
        if (s == null) {
            return new String[2];
        }
        Matcher m = KUBEWARD_SOURCE.matcher(s);
        if (m.matches()) {
            return new String[] {m.group(1), m.group(2)};
        }
        int at = s.indexOf(": /");
        if (at >= 0) {
            String rest = s.substring(at + 2);
            int comma = rest.indexOf(", ");
            return new String[] {comma < 0 ? rest : rest.substring(0, comma), null};
        }
        return new String[2];
    }

    private static String spdxLicense(String declared, Map<String, String> extracted) {
        if (declared == null || declared.equals("NOASSERTION") || declared.equals("NONE")) {
            return null;
        }
        return extracted.getOrDefault(declared, declared);
    }

    // ---------------------------------------------------------------- shared

    /** The OS of the first member whose {@code field} is {@code value}: its name as os-release's ID, {@code versionField} as VERSION_ID. */
    private static OsInfo osOf(List<JsonNode> members, String field, String value, String versionField) {
        for (JsonNode c : members) {
            if (c.path(field).asText().equals(value)) {
                return osInfo(text(c, "name"), text(c, versionField), text(c, "description"));
            }
        }
        return null;
    }

    private static OsInfo osInfo(String id, String versionId, String pretty) {
        return id == null ? null : new OsInfo(id, versionId, pretty, OsvEcosystems.forOsRelease(id, versionId));
    }

    /** Every node reachable from {@code start} along the edges, in breadth-first order, without {@code start}. */
    private static Set<String> reachable(String start, Map<String, List<String>> edges) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(edges.getOrDefault(start, List.of()));
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (!n.equals(start) && seen.add(n)) {
                todo.addAll(edges.getOrDefault(n, List.of()));
            }
        }
        return seen;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
