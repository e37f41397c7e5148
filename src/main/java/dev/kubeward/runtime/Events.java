package dev.kubeward.runtime;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** How detections read and name parts of an event, written once. */
public final class Events {
    private Events() {}

    public static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch");
    public static final Set<String> CHANGE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");
    public static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    /** "jane", "jane (as admin)", with the first source address: "jane from 10.0.0.1". */
    public static String actor(AuditEvent e) {
        StringBuilder sb = new StringBuilder(e.user().username().isEmpty() ? "an unauthenticated client" : e.user().username());
        if (e.impersonatedUser() != null) {
            sb.append(" (as ").append(e.impersonatedUser().username()).append(')');
        }
        if (!e.sourceIPs().isEmpty()) {
            sb.append(" from ").append(e.sourceIPs().get(0));
        }
        return sb.toString();
    }

    /** The resource request is for {@code group}/{@code resourcePath} ("pods/exec"). */
    public static boolean targets(AuditEvent e, String group, String resourcePath) {
        AuditEvent.Target t = e.objectRef();
        if (t == null || !t.apiGroup().equals(group)) {
            return false;
        }
        // resourcePath() without building it: this runs for every event and detection.
        String res = t.resource();
        String sub = t.subresource();
        if (sub.isEmpty()) {
            return res.equals(resourcePath);
        }
        return resourcePath.length() == res.length() + 1 + sub.length() && resourcePath.startsWith(res)
                && resourcePath.charAt(res.length()) == '/' && resourcePath.endsWith(sub);
    }

    /** Every value of a query parameter of the request URI, decoded; a bad escape is kept as written. */
    public static List<String> query(AuditEvent e, String name) {
        String uri = e.requestURI();
        int q = uri.indexOf('?');
        List<String> out = new ArrayList<>();
        if (q < 0) {
            return out;
        }
        for (String pair : uri.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) {
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                try {
                    out.add(URLDecoder.decode(v, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException bad) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** The path of the request URI without its query. */
    public static String path(AuditEvent e) {
        String uri = e.requestURI();
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    /** The object's name: objectRef's, else the body's (a create names it only there). */
    public static String name(AuditEvent e) {
        if (e.objectRef() != null && !e.objectRef().name().isEmpty()) {
            return e.objectRef().name();
        }
        for (var body : new com.fasterxml.jackson.databind.JsonNode[] {e.responseObject(), e.requestObject()}) {
            if (body != null && body.path("metadata").path("name").isTextual()) {
                return body.path("metadata").path("name").textValue();
            }
        }
        return "";
    }

    /** "shop/web-0", "web-0", or the resource alone when unnamed. */
    public static String object(AuditEvent e) {
        String name = name(e);
        String ns = e.objectRef() == null ? "" : e.objectRef().namespace();
        if (name.isEmpty()) {
            return ns.isEmpty() ? "(unnamed)" : "in " + ns;
        }
        return ns.isEmpty() ? name : ns + "/" + name;
    }
}
