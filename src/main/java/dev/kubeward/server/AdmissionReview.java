package dev.kubeward.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.policy.AdmissionRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code admission.k8s.io} AdmissionReview as the API server sends it to a webhook and reads
 * the answer back (k8s.io/api/admission/v1 types; request/admissionreview.go's
 * VerifyAdmissionResponse): the request is checked field by field, and a review that the API
 * server would not send is a {@link Malformed} with the reason, which the door answers with 400.
 * The response echoes the review's apiVersion and the request's uid, as the API server demands.
 */
public final class AdmissionReview {
    public static final String GROUP = "admission.k8s.io";
    public static final Set<String> VERSIONS = Set.of("v1", "v1beta1");
    private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");

    /** Reviews are JSON from the API server: bounded nesting and string sizes, as the body is. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200)
                    .maxStringLength(ServerLimits.API_SERVER_MAX_REQUEST_BYTES).build())
            .build());

    /** A review that is not one the API server would send; the message says what is wrong. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        public Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** A parsed review: its apiVersion (to answer in), the request's uid, and the request. */
    public record Parsed(String apiVersion, String uid, AdmissionRequest request) {}

    private AdmissionReview() {}

    public static Parsed parse(byte[] body) throws Malformed {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Malformed("the body is not JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new Malformed("the body cannot be read: " + e.getMessage());
        }
        return parse(root);
    }

    public static Parsed parse(JsonNode root) throws Malformed {
        if (root == null || !root.isObject()) {
            throw new Malformed("the body is not a JSON object (an AdmissionReview)");
        }
        String apiVersion = text(root, "apiVersion");
        String kind = text(root, "kind");
        if (!"AdmissionReview".equals(kind)) {
            throw new Malformed("kind must be AdmissionReview" + (kind == null ? "" : ", not " + kind));
        }
        if (apiVersion == null || !apiVersion.startsWith(GROUP + "/") || !VERSIONS.contains(apiVersion.substring(GROUP.length() + 1))) {
            throw new Malformed("apiVersion must be admission.k8s.io/v1 or admission.k8s.io/v1beta1"
                    + (apiVersion == null ? "" : ", not " + apiVersion));
        }
        JsonNode req = root.get("request");
        if (req == null || !req.isObject()) {
            throw new Malformed("request is missing: an AdmissionReview sent to a webhook has a request");
        }
        String uid = text(req, "uid");
        if (uid == null || uid.isEmpty()) {
            throw new Malformed("request.uid is missing");
        }
        String operation = text(req, "operation");
        if (operation == null || !OPERATIONS.contains(operation)) {
            throw new Malformed("request.operation must be CREATE, UPDATE, DELETE or CONNECT" + (operation == null ? "" : ", not " + operation));
        }
        JsonNode k = object(req, "kind", true);
        JsonNode r = object(req, "resource", true);
        AdmissionRequest.Gvk gvk = new AdmissionRequest.Gvk(str(k, "group", "request.kind"), required(k, "version", "request.kind"),
                required(k, "kind", "request.kind"));
        AdmissionRequest.Gvr gvr = new AdmissionRequest.Gvr(str(r, "group", "request.resource"),
                required(r, "version", "request.resource"), required(r, "resource", "request.resource"));
        JsonNode ui = object(req, "userInfo", false);
        AdmissionRequest.UserInfo user = userInfo(ui);
        JsonNode object = objectOrNull(req, "object");
        JsonNode oldObject = objectOrNull(req, "oldObject");
        switch (operation) {
            case "CREATE" -> {
                if (object == null) {
                    throw new Malformed("request.object is missing: a CREATE carries the object");
                }
            }
            case "UPDATE" -> {
                if (object == null || oldObject == null) {
                    throw new Malformed("an UPDATE carries request.object and request.oldObject");
                }
            }
            default -> { }
        }
        JsonNode dry = req.get("dryRun");
        if (dry != null && !dry.isNull() && !dry.isBoolean()) {
            throw new Malformed("request.dryRun must be a boolean");
        }
        JsonNode options = req.get("options");
        AdmissionRequest request = new AdmissionRequest(operation, gvk, gvr, optional(req, "subResource"),
                optional(req, "name"), optional(req, "namespace"), user, dry != null && dry.asBoolean(false),
                options == null || options.isNull() ? null : options, object, oldObject);
        return new Parsed(apiVersion, uid, request);
    }

    private static AdmissionRequest.UserInfo userInfo(JsonNode ui) throws Malformed {
        if (ui == null) {
            return new AdmissionRequest.UserInfo("", "", List.of(), Map.of());
        }
        List<String> groups = new ArrayList<>();
        JsonNode g = ui.get("groups");
        if (g != null && !g.isNull()) {
            if (!g.isArray()) {
                throw new Malformed("request.userInfo.groups must be a list of strings");
            }
            for (JsonNode e : g) {
                if (!e.isTextual()) {
                    throw new Malformed("request.userInfo.groups must be a list of strings");
                }
                groups.add(e.textValue());
            }
        }
        Map<String, List<String>> extra = new LinkedHashMap<>();
        JsonNode x = ui.get("extra");
        if (x != null && !x.isNull()) {
            if (!x.isObject()) {
                throw new Malformed("request.userInfo.extra must be a mapping of lists of strings");
            }
            for (var it = x.fields(); it.hasNext(); ) {
                var e = it.next();
                List<String> vs = new ArrayList<>();
                if (!e.getValue().isArray()) {
                    throw new Malformed("request.userInfo.extra." + e.getKey() + " must be a list of strings");
                }
                for (JsonNode v : e.getValue()) {
                    if (!v.isTextual()) {
                        throw new Malformed("request.userInfo.extra." + e.getKey() + " must be a list of strings");
                    }
                    vs.add(v.textValue());
                }
                extra.put(e.getKey(), List.copyOf(vs));
            }
        }
        return new AdmissionRequest.UserInfo(ui.path("username").asText(""), ui.path("uid").asText(""), groups, extra);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    private static String optional(JsonNode n, String key) throws Malformed {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new Malformed("request." + key + " must be a string");
        }
        return v.textValue();
    }

    private static JsonNode object(JsonNode n, String key, boolean required) throws Malformed {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new Malformed("request." + key + " is missing");
            }
            return null;
        }
        if (!v.isObject()) {
            throw new Malformed("request." + key + " must be an object");
        }
        return v;
    }

    private static JsonNode objectOrNull(JsonNode n, String key) throws Malformed {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new Malformed("request." + key + " must be an object");
        }
        return v;
    }

    private static String str(JsonNode n, String key, String where) throws Malformed {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new Malformed(where + "." + key + " must be a string");
        }
        return v.textValue();
    }

    private static String required(JsonNode n, String key, String where) throws Malformed {
        String s = str(n, key, where);
        if (s.isEmpty()) {
            throw new Malformed(where + "." + key + " is missing");
        }
        return s;
    }

    // ------------------------------------------------------------------ the response

    /**
     * The answer.
     *
     * @param warnings already within the API server's limits ({@link Warnings})
     * @param auditAnnotations keys valid as the API server requires (the webhook's name and a
     *     slash are put before each; the whole must be a qualified name)
     * @param patch a JSONPatch (mutating webhooks only), or null
     */
    public record Response(boolean allowed, int code, String reason, String message, List<String> warnings,
            Map<String, String> auditAnnotations, JsonNode patch) {}

    public static byte[] write(Parsed review, Response response) {
        return write(review.apiVersion(), review.uid(), response);
    }

    public static byte[] write(String apiVersion, String uid, Response r) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("apiVersion", apiVersion);
        root.put("kind", "AdmissionReview");
        ObjectNode resp = root.putObject("response");
        resp.put("uid", uid);
        resp.put("allowed", r.allowed());
        if (!r.allowed() || r.message() != null) {
            ObjectNode status = resp.putObject("status");
            if (!r.allowed()) {
                status.put("status", "Failure");
                status.put("code", r.code());
                if (r.reason() != null) {
                    status.put("reason", r.reason());
                }
            }
            if (r.message() != null) {
                status.put("message", r.message());
            }
        }
        if (r.patch() != null) {
            resp.put("patchType", "JSONPatch");
            try {
                resp.put("patch", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(r.patch())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!r.warnings().isEmpty()) {
            ArrayNode w = resp.putArray("warnings");
            r.warnings().forEach(w::add);
        }
        if (!r.auditAnnotations().isEmpty()) {
            ObjectNode a = resp.putObject("auditAnnotations");
            r.auditAnnotations().forEach(a::put);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request's uid when the body has one, for answering a review that is otherwise broken. */
    static String uidOf(byte[] body) {
        try {
            return JSON.readTree(body).path("request").path("uid").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    // ------------------------------------------------------------------ limits of the API server

    /** Audit annotation keys: the webhook's name, a slash and the key must form a qualified name. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    /** A key made valid: characters outside the name alphabet become '.', at most 63 characters. */
    public static String auditKey(String key) {
        StringBuilder b = new StringBuilder();
        for (char c : key.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' ? c : '.');
        }
        String s = b.toString().replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
        if (s.length() > 63) {
            String hash = Integer.toHexString(key.hashCode());
            s = s.substring(0, 63 - hash.length() - 1).replaceAll("[^A-Za-z0-9]+$", "") + "." + hash;
        }
        return s.isEmpty() ? "annotation" : s;
    }

    public static boolean validAuditKey(String key) {
        return key.length() <= 63 && KEY.matcher(key).matches();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
