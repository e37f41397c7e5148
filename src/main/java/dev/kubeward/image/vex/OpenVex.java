package dev.kubeward.image.vex;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads OpenVEX documents (openvex.dev, specification v0.2.0): {@code @context}
 * {@code https://openvex.dev/ns/v0.2.0}, {@code @id}, {@code author}, {@code timestamp} and
 * {@code statements}, each with a {@code vulnerability} ({@code name}, {@code @id},
 * {@code aliases}), {@code products} (an {@code @id} or {@code identifiers.purl}, {@code hashes},
 * {@code subcomponents}) and a {@code status}. What the specification requires is required: a
 * {@code not_affected} statement has a {@code justification} from its list or an
 * {@code impact_statement}; an {@code affected} one an {@code action_statement}. A document that
 * breaks a rule is refused with its file and line, rather than applied in part.
 */
public final class OpenVex {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long MAX_BYTES = 64L * 1024 * 1024;

    /** The justifications of a {@code not_affected} statement (OpenVEX v0.2.0, "Status Justifications"). */
    public static final Set<String> JUSTIFICATIONS = Set.of("component_not_present", "vulnerable_code_not_present",
            "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary",
            "inline_mitigations_already_exist");

    private OpenVex() {}

    /** A statement's status (OpenVEX "Status Labels"). */
    public enum Status {
        NOT_AFFECTED("not_affected"), AFFECTED("affected"), FIXED("fixed"), UNDER_INVESTIGATION("under_investigation");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Whether a vulnerability the statement covers is no longer counted: {@code not_affected} and {@code fixed}. */
        public boolean suppresses() {
            return this == NOT_AFFECTED || this == FIXED;
        }

        static Status parse(String s) {
            for (Status v : values()) {
                if (v.label.equals(s)) {
                    return v;
                }
            }
            return null;
        }
    }

    /**
     * A product a statement names: an image (by digest) or a package (by purl), and the packages
     * inside it the statement is about ({@code subcomponents}; empty: all of it).
     *
     * @param purl    the product's purl ({@code @id} or {@code identifiers.purl}), or null
     * @param digests the image digests that name it ({@code sha256:…} from a {@code pkg:oci} purl's version, an
     *                {@code @id} such as {@code ghcr.io/org/app@sha256:…}, or {@code hashes.sha-256})
     * @param id      the product as the document writes it, for messages
     */
    public record Product(String id, String purl, Set<String> digests, List<Product> subcomponents) {}

    /**
     * One statement.
     *
     * @param where       {@code FILE:LINE} of the statement
     * @param vulnerability the vulnerability's name ({@code CVE-…}, {@code GHSA-…}), else its {@code @id}
     * @param aliases     other names the statement gives it
     * @param timestamp   the statement's timestamp, else the document's
     * @param order       the statement's place among all statements read, for equal timestamps (the later wins)
     */
    public record Statement(String where, String vulnerability, Set<String> aliases, List<Product> products, Status status,
                            String justification, String impactStatement, String actionStatement, Instant timestamp, int order) {

        /** Why a suppressed vulnerability is not counted: {@code VEX not_affected (vulnerable_code_not_present): …, FILE:LINE}. */
        public String reason() {
            StringBuilder sb = new StringBuilder("VEX ").append(status.label());
            if (justification != null) {
                sb.append(" (").append(justification).append(')');
            }
            if (impactStatement != null && !impactStatement.isBlank()) {
                sb.append(": ").append(impactStatement.strip());
            }
            return sb.append(", ").append(where).toString();
        }

        /** Every name of the vulnerability. */
        public Set<String> names() {
            Set<String> n = new LinkedHashSet<>();
            n.add(vulnerability);
            n.addAll(aliases);
            return n;
        }
    }

    /** The statements of the documents, in order; {@code first} numbers them on from earlier files. */
    public static List<Statement> read(Path file, int first) throws VexException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new VexException(file + ": the VEX document is larger than " + (MAX_BYTES >> 20) + " MB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new VexException(file + ": no such VEX document");
        } catch (IOException e) {
            throw new VexException(file + ": " + e.getMessage());
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new VexException(file + (e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr()) + ": not JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new VexException(file + ": " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw new VexException(file + ":1: not an OpenVEX document: not a JSON object");
        }
        String context = doc.path("@context").asText("");
        if (!context.equals("https://openvex.dev/ns/v0.2.0") && !context.equals("https://openvex.dev/ns")) {
            throw new VexException(file + ":1: not an OpenVEX v0.2.0 document: @context is '" + context
                    + "', not https://openvex.dev/ns/v0.2.0");
        }
        for (String required : List.of("@id", "author", "timestamp")) {
            if (!doc.hasNonNull(required) || doc.get(required).asText().isBlank()) {
                throw new VexException(file + ":1: the document has no " + required + " (OpenVEX requires it)");
            }
        }
        Instant docTime = time(doc.get("timestamp").asText(), file + ":1: the document's timestamp");
        JsonNode statements = doc.path("statements");
        if (!statements.isArray()) {
            throw new VexException(file + ":1: the document has no statements array");
        }
        List<Integer> lines = statementLines(bytes);
        List<Statement> out = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            String where = file + ":" + (i < lines.size() ? lines.get(i) : 1);
            out.add(statement(statements.get(i), where, "statements[" + i + "]", docTime, first + i));
        }
        return out;
    }

    private static Statement statement(JsonNode s, String where, String path, Instant docTime, int order) throws VexException {
        if (!s.isObject()) {
            throw new VexException(where + ": " + path + " is not an object");
        }
        JsonNode v = s.get("vulnerability");
        String name;
        Set<String> aliases = new LinkedHashSet<>();
        if (v != null && v.isTextual()) {
            name = v.asText();
        } else if (v != null && v.isObject()) {
            name = v.hasNonNull("name") ? v.get("name").asText() : v.hasNonNull("@id") ? v.get("@id").asText() : null;
            if (v.hasNonNull("@id")) {
                aliases.add(v.get("@id").asText());
            }
            for (JsonNode a : v.path("aliases")) {
                aliases.add(a.asText());
            }
        } else {
            name = null;
        }
        if (name == null || name.isBlank()) {
            throw new VexException(where + ": " + path + " names no vulnerability (vulnerability.name)");
        }
        aliases.remove(name);
        String statusText = s.path("status").asText(null);
        Status status = Status.parse(statusText);
        if (status == null) {
            throw new VexException(where + ": " + path + ": status " + (statusText == null ? "is missing" : "'" + statusText + "' is not one of")
                    + (statusText == null ? " (one of" : "") + " not_affected, affected, fixed, under_investigation"
                    + (statusText == null ? ")" : ""));
        }
        String justification = s.path("justification").asText(null);
        String impact = s.path("impact_statement").asText(null);
        String action = s.path("action_statement").asText(null);
        if (justification != null && !JUSTIFICATIONS.contains(justification)) {
            throw new VexException(where + ": " + path + ": justification '" + justification + "' is not one of "
                    + String.join(", ", JUSTIFICATIONS.stream().sorted().toList()));
        }
        if (status == Status.NOT_AFFECTED && justification == null && (impact == null || impact.isBlank())) {
            throw new VexException(where + ": " + path + ": a not_affected statement needs a justification ("
                    + String.join(", ", JUSTIFICATIONS.stream().sorted().toList()) + ") or an impact_statement");
        }
        if (status == Status.AFFECTED && (action == null || action.isBlank())) {
            throw new VexException(where + ": " + path + ": an affected statement needs an action_statement");
        }
        JsonNode products = s.path("products");
        if (!products.isArray() || products.isEmpty()) {
            throw new VexException(where + ": " + path + " names no products");
        }
        List<Product> list = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            list.add(product(products.get(i), where, path + ".products[" + i + "]", true));
        }
        Instant time = s.hasNonNull("timestamp") ? time(s.get("timestamp").asText(), where + ": " + path + ".timestamp") : docTime;
        return new Statement(where, name, Set.copyOf(aliases), List.copyOf(list), status, justification, impact, action, time, order);
    }

    private static Product product(JsonNode p, String where, String path, boolean top) throws VexException {
        if (!p.isObject()) {
            throw new VexException(where + ": " + path + " is not an object");
        }
        String id = p.hasNonNull("@id") ? p.get("@id").asText() : null;
        String purl = p.path("identifiers").hasNonNull("purl") ? p.path("identifiers").get("purl").asText()
                : id != null && id.startsWith("pkg:") ? id : null;
        Set<String> digests = new LinkedHashSet<>();
        if (purl != null && purl.startsWith("pkg:oci/")) {
            String d = PurlMatch.version(purl);
            if (d != null) {
                digests.add(d.toLowerCase(Locale.ROOT));
            }
        }
        if (id != null && !id.startsWith("pkg:")) {
            int at = id.lastIndexOf('@');
            String d = at >= 0 ? id.substring(at + 1) : id;
            if (d.matches("sha(256|512):[0-9a-fA-F]+")) {
                digests.add(d.toLowerCase(Locale.ROOT));
            }
        }
        JsonNode sha = p.path("hashes").get("sha-256");
        if (sha != null && sha.isTextual()) {
            digests.add("sha256:" + sha.asText().toLowerCase(Locale.ROOT));
        }
        if (purl != null && PurlMatch.parse(purl) == null) {
            String hint = "";
            int at = purl.indexOf("/@");
            if (at > 0) {
                // pkg:npm/@scope/name without a version: purl-spec reads an unencoded @ as the version's start.
                String encoded = purl.substring(0, at) + "/%40" + purl.substring(at + 2);
                if (PurlMatch.parse(encoded) != null) {
                    hint = ": an @ in a namespace must be percent-encoded, as in '" + encoded + "'";
                }
            }
            throw new VexException(where + ": " + path + ": '" + purl + "' is not a package URL" + hint);
        }
        if (purl == null && digests.isEmpty()) {
            throw new VexException(where + ": " + path + " names no product kubeward can match: give a purl (@id or identifiers.purl) "
                    + "or an image digest");
        }
        List<Product> subs = new ArrayList<>();
        JsonNode sc = p.path("subcomponents");
        if (top) {
            for (int i = 0; i < sc.size(); i++) {
                subs.add(product(sc.get(i), where, path + ".subcomponents[" + i + "]", false));
            }
        }
        return new Product(id != null ? id : purl, purl, Set.copyOf(digests), List.copyOf(subs));
    }

    private static Instant time(String s, String what) throws VexException {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new VexException(what + " '" + s + "' is not an RFC 3339 date and time");
        }
    }

    /** The line each element of the top-level {@code statements} array starts on. */
    private static List<Integer> statementLines(byte[] bytes) {
        List<Integer> lines = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return lines;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("statements") && t == JsonToken.START_ARRAY) {
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                        lines.add(p.currentTokenLocation().getLineNr());
                        p.skipChildren();
                    }
                    return lines;
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            // already parsed once: cannot happen; the statements keep line 1
        }
        return lines;
    }
}
