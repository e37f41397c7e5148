package dev.kubeward.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API server's decoding of an object's fields into the Go types of the Kubernetes API: a
 * number where the API has a string ({@code env: [{name: PORT, value: 8080}]}), a string where it
 * has a list ({@code containers: "web"}) or a boolean ({@code runAsNonRoot: "true"}), a label
 * value that YAML typed as a number ({@code version: 1.0}). {@code kubectl apply} sends the object
 * as JSON and the API server answers {@code json: cannot unmarshal number into Go struct field
 * EnvVar.spec.containers.env.value of type string}: the object is not created, so no engine may
 * judge it as if it ran.
 *
 * <p>The types are those of the API's Go structs, read from the fabric8 model classes, which are
 * generated from them: {@code String} is Go's {@code string}, {@code Integer} {@code int32},
 * {@code Long} {@code int64}, {@code Boolean} {@code bool}, {@code List} a slice, {@code Map} a
 * map, {@code IntOrString} and {@code Quantity} their own decoders (an integer or a string; a
 * string or a number). Go's rules: {@code null} is every type's zero value, an integer field takes
 * no fraction and nothing beyond its range, a field the type does not have is not a type error
 * (unknown fields are another matter, left out here). Go reports the first error; all are listed.
 */
public final class FieldTypes {
    private FieldTypes() {}

    private static final String MODEL = "io.fabric8.kubernetes.api.model.";

    /** A Go type. */
    private sealed interface GoType permits Scalar, ListOf, MapOf, Struct {}

    private enum Scalar implements GoType {
        STRING("a string", "string"), INT32("an integer (int32)", "int32"), INT64("an integer", "int64"),
        BOOL("a boolean (true or false)", "bool"), FLOAT("a number", "float64"),
        INT_OR_STRING("an integer or a string", "intstr.IntOrString"),
        QUANTITY("a quantity (a string such as \"500m\" or a number)", "resource.Quantity"), ANY("anything", "");

        final String expected;
        final String go;

        Scalar(String expected, String go) {
            this.expected = expected;
            this.go = go;
        }
    }

    private record ListOf(GoType element) implements GoType {}

    private record MapOf(GoType value) implements GoType {}

    /** A struct, its fields resolved on first use (the API's types refer to each other). */
    private static final class Struct implements GoType {
        final Class<?> type;
        private volatile Map<String, GoType> fields;

        Struct(Class<?> type) {
            this.type = type;
        }

        Map<String, GoType> fields() {
            Map<String, GoType> f = fields;
            if (f == null) {
                f = new LinkedHashMap<>();
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field field : c.getDeclaredFields()) {
                        if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("additionalProperties")) {
                            continue;
                        }
                        JsonProperty p = field.getAnnotation(JsonProperty.class);
                        String name = p != null && !p.value().isEmpty() ? p.value() : field.getName();
                        f.putIfAbsent(name, resolve(field.getGenericType()));
                    }
                }
                fields = Map.copyOf(f);
            }
            return f;
        }

        String goName() {
            return "v1." + type.getSimpleName();
        }
    }

    private static final Map<Class<?>, Struct> STRUCTS = new ConcurrentHashMap<>();

    private static GoType resolve(Type t) {
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return new ListOf(resolve(args[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return new MapOf(resolve(args[1]));
            }
            return Scalar.ANY;
        }
        if (!(t instanceof Class<?> c)) {
            return Scalar.ANY;
        }
        if (c == String.class) {
            return Scalar.STRING;
        }
        if (c == Integer.class || c == int.class || c == Short.class) {
            return Scalar.INT32;
        }
        if (c == Long.class || c == long.class) {
            return Scalar.INT64;
        }
        if (c == Boolean.class || c == boolean.class) {
            return Scalar.BOOL;
        }
        if (c == Double.class || c == Float.class || c == double.class) {
            return Scalar.FLOAT;
        }
        String name = c.getName();
        if (name.equals(MODEL + "IntOrString")) {
            return Scalar.INT_OR_STRING;
        }
        if (name.equals(MODEL + "Quantity")) {
            return Scalar.QUANTITY;
        }
        // AnyType, RawExtension and the like take any JSON; so does a type from outside the model.
        if (!name.startsWith("io.fabric8.kubernetes.api.model") || c.isEnum() || c.isInterface()
                || name.equals(MODEL + "AnyType") || c.getSuperclass() != null && c.getSuperclass().getName().equals(MODEL + "AnyType")
                || name.endsWith(".RawExtension")) {
            return Scalar.ANY;
        }
        return STRUCTS.computeIfAbsent(c, Struct::new);
    }

    /** The built-in pod-bearing kinds, by group/version and kind, whose whole object is checked. */
    private static final Map<String, String> OBJECTS = Map.of(
            "v1/Pod", MODEL + "Pod", "v1/PodTemplate", MODEL + "PodTemplate",
            "v1/ReplicationController", MODEL + "ReplicationController",
            "apps/v1/Deployment", MODEL + "apps.Deployment", "apps/v1/StatefulSet", MODEL + "apps.StatefulSet",
            "apps/v1/DaemonSet", MODEL + "apps.DaemonSet", "apps/v1/ReplicaSet", MODEL + "apps.ReplicaSet",
            "batch/v1/Job", MODEL + "batch.v1.Job", "batch/v1/CronJob", MODEL + "batch.v1.CronJob");

    /**
     * The structs by class name: {@code Class.forName} goes through the class loader's lock for
     * that name on every call, and every review of the same kind asks for the same names, so the
     * webhook's threads queued on it (seen in a profile of {@code serve} under load).
     */
    private static final Map<String, Struct> BY_NAME = new ConcurrentHashMap<>();

    private static Struct struct(String className) {
        Struct known = BY_NAME.get(className);
        if (known != null) {
            return known;
        }
        try {
            Struct s = (Struct) resolve(Class.forName(className, false, FieldTypes.class.getClassLoader()));
            BY_NAME.putIfAbsent(className, s);
            return s;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Kubernetes model is missing from the class path: " + className, e);
        }
    }

    /**
     * The type errors of a pod-bearing object: of the whole object for the built-in kinds (Pod,
     * Deployment …, in the versions the API serves); for the others (custom resources that carry
     * pods: the rest of them is their CRD's business), the places of the kind that hold something
     * other than a pod template ({@link WorkloadKinds#misshapen}: no pod is read from them) and each
     * pod template's metadata and spec. Empty for an object that carries no pod and has no such place.
     */
    public static List<FieldError> ofWorkload(Resource r, Inventory inventory) {
        List<FieldError> out = new ArrayList<>();
        String className = OBJECTS.get(r.apiVersion() + "/" + r.kind());
        if (className != null) {
            Struct type = struct(className);
            check(r.object(), type, JsonPath.ROOT, type.type.getSimpleName(), "", out);
            return out;
        }
        out.addAll(inventory.workloadKinds().misshapen(r));
        for (PodTemplate pod : inventory.podTemplates(r)) {
            Struct meta = struct(MODEL + "ObjectMeta");
            Struct spec = struct(MODEL + "PodSpec");
            check(pod.metadata(), meta, pod.metadataPath(), "PodTemplateSpec", goPath(pod.metadataPath()), out);
            check(pod.spec(), spec, pod.specPath(), "PodTemplateSpec", goPath(pod.specPath()), out);
        }
        return out;
    }

    /**
     * The fields of a built-in pod-bearing object (Pod, Deployment …, in the versions the API serves)
     * that its type does not have: {@code securityContex}, {@code readOnlyRootFileSystem}. kubectl's
     * default {@code --validate=strict} has the API server refuse the object ({@code strict decoding
     * error: unknown field "spec.containers[0].securityContex"}); with validation off the field is
     * dropped, and the setting the author meant is not there. Field names are case-sensitive, as the
     * API server's decoder is. Empty for other kinds (a custom resource's schema is its CRD's), and
     * below fields of free-form types (RawExtension, AnyType).
     */
    public static List<FieldError> unknownFields(Resource r) {
        String className = OBJECTS.get(r.apiVersion() + "/" + r.kind());
        if (className == null) {
            return List.of();
        }
        List<FieldError> unknown = new ArrayList<>();
        Struct type = struct(className);
        check(r.object(), type, type.type.getSimpleName(), new Walk(JsonPath.ROOT, "", new ArrayList<>(), unknown));
        return unknown;
    }

    private static FieldError unknown(JsonPath path, String key, Map<String, GoType> fields) {
        String meant = null;
        for (String f : fields.keySet()) {
            if (f.equalsIgnoreCase(key)) {
                meant = f;
                break;
            }
        }
        return new FieldError(path, "unknown field " + FieldError.goQuote(path.toString())
                + (meant == null ? "" : " (field names are case-sensitive: the API has " + FieldError.goQuote(meant) + ")"));
    }

    /**
     * Where the walk stands below its start: each segment a struct field (String), a map key
     * ({@link MapKey}) or a list index (Integer). Paths are built from it only for an error, so a
     * valid object (nearly all of them) costs no allocation per field.
     */
    private record MapKey(String key) {}

    private static final class Walk {
        final JsonPath base;
        final String baseGoPath;
        final List<FieldError> out;
        /** Where fields the type does not have go, or null when the walk looks for type errors only. */
        final List<FieldError> unknown;
        final ArrayList<Object> segments = new ArrayList<>();

        Walk(JsonPath base, String baseGoPath, List<FieldError> out, List<FieldError> unknown) {
            this.base = base;
            this.baseGoPath = baseGoPath;
            this.out = out;
            this.unknown = unknown;
        }

        JsonPath path() {
            JsonPath p = base;
            for (Object s : segments) {
                p = s instanceof Integer i ? p.index(i) : p.key(s instanceof MapKey m ? m.key() : (String) s);
            }
            return p;
        }

        /** The field names from the object's root, as Go's error names the field: no list index, no map key. */
        String goPath() {
            StringBuilder b = new StringBuilder(baseGoPath);
            for (Object s : segments) {
                if (s instanceof String key) {
                    b.append(b.isEmpty() ? "" : ".").append(key);
                }
            }
            return b.toString();
        }

        void error(JsonNode n, String expected, String go, String enclosing) {
            out.add(FieldTypes.error(n, path(), expected, go, enclosing, goPath()));
        }
    }

    private static void check(JsonNode n, GoType type, JsonPath path, String enclosing, String goPath, List<FieldError> out) {
        check(n, type, enclosing, new Walk(path, goPath, out, null));
    }

    private static void check(JsonNode n, GoType type, String enclosing, Walk w) {
        if (n == null || n.isNull() || n.isMissingNode() || type == Scalar.ANY) {
            return;
        }
        if (type instanceof Struct s) {
            if (!n.isObject()) {
                w.error(n, "an object (" + s.type.getSimpleName() + ")", s.goName(), enclosing);
                return;
            }
            Map<String, GoType> fields = s.fields();
            if (fields.isEmpty()) {
                return; // a free-form type (FieldsV1: managed fields' own encoding) takes any keys
            }
            String name = s.type.getSimpleName();
            var it = n.fields();
            while (it.hasNext()) {
                var e = it.next();
                GoType t = fields.get(e.getKey());
                if (t == null && w.unknown != null) {
                    w.segments.add(e.getKey());
                    w.unknown.add(unknown(w.path(), e.getKey(), fields));
                    w.segments.remove(w.segments.size() - 1);
                } else if (t != null && t != Scalar.ANY) {
                    w.segments.add(e.getKey());
                    check(e.getValue(), t, name, w);
                    w.segments.remove(w.segments.size() - 1);
                }
            }
        } else if (type instanceof ListOf l) {
            if (!n.isArray()) {
                w.error(n, "a list" + of(l.element()), "[]" + goName(l.element()), enclosing);
                return;
            }
            for (int i = 0; i < n.size(); i++) {
                w.segments.add(i);
                check(n.get(i), l.element(), enclosing, w);
                w.segments.remove(w.segments.size() - 1);
            }
        } else if (type instanceof MapOf m) {
            if (!n.isObject()) {
                w.error(n, "a mapping" + (m.value() == Scalar.STRING ? " of strings" : of(m.value())),
                        "map[string]" + goName(m.value()), enclosing);
                return;
            }
            if (m.value() == Scalar.ANY) {
                return;
            }
            var it = n.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (m.value() instanceof Scalar sc && fits(e.getValue(), sc)) {
                    continue;   // the common case (labels, annotations) without a segment
                }
                w.segments.add(new MapKey(e.getKey()));
                check(e.getValue(), m.value(), enclosing, w);
                w.segments.remove(w.segments.size() - 1);
            }
        } else if (!fits(n, (Scalar) type)) {
            Scalar s = (Scalar) type;
            w.error(n, s.expected, s.go, enclosing);
        }
    }

    private static boolean fits(JsonNode n, Scalar type) {
        return switch (type) {
            case STRING -> n.isTextual();
            case BOOL -> n.isBoolean();
            case FLOAT -> n.isNumber();
            case INT32 -> integral(n, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT64 -> integral(n, Long.MIN_VALUE, Long.MAX_VALUE);
            case INT_OR_STRING -> n.isTextual() || integral(n, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case QUANTITY -> n.isTextual() || n.isNumber();
            case ANY -> true;
        };
    }

    /**
     * A whole number within range. A YAML {@code 2.0} reaches the API server as JSON {@code 2}
     * (go-yaml reads a float, and JSON writes it without fraction), so a float with no fraction counts.
     */
    private static boolean integral(JsonNode n, long min, long max) {
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() && n.longValue() >= min && n.longValue() <= max;
        }
        if (n.isFloatingPointNumber()) {
            double d = n.doubleValue();
            return d == Math.rint(d) && d >= min && d <= max;
        }
        return false;
    }

    private static String of(GoType element) {
        if (element instanceof Struct s) {
            return " of " + s.type.getSimpleName() + " objects";
        }
        if (element instanceof Scalar s && s != Scalar.ANY) {
            return " of " + s.expected.replaceFirst("^an? ", "") + "s";
        }
        return "";
    }

    private static String goName(GoType t) {
        if (t instanceof Struct s) {
            return s.goName();
        }
        if (t instanceof ListOf l) {
            return "[]" + goName(l.element());
        }
        if (t instanceof MapOf m) {
            return "map[string]" + goName(m.value());
        }
        Scalar s = (Scalar) t;
        return s == Scalar.ANY ? "interface {}" : s.go;
    }

    /** What Go calls the JSON value's type in its error. */
    private static String jsonType(JsonNode n) {
        if (n.isTextual()) {
            return "string";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        return n.isArray() ? "array" : "object";
    }

    private static String given(JsonNode n) {
        if (n.isTextual()) {
            String t = n.textValue();
            return "the string " + FieldError.goQuote(t.length() > 40 ? t.substring(0, 40) + "…" : t);
        }
        if (n.isNumber()) {
            return "the number " + n.asText();
        }
        if (n.isBoolean()) {
            return "the boolean " + n.asText();
        }
        return n.isArray() ? "a list" : "a mapping";
    }

    private static String goPath(JsonPath path) {
        StringBuilder out = new StringBuilder();
        for (Object segment : path.segments()) {
            if (segment instanceof String key) {
                out.append(out.isEmpty() ? "" : ".").append(key);
            }
        }
        return out.toString();
    }

    private static FieldError error(JsonNode n, JsonPath path, String expected, String go, String enclosing, String goPath) {
        // Go names the number only when it is one the integer type cannot hold (a fraction, out of range).
        String value = n.isNumber() && go.startsWith("int") ? "number " + n.asText() : jsonType(n);
        return new FieldError(path, "must be " + expected + ", not " + given(n) + " (the API server refuses the object: "
                + "json: cannot unmarshal " + value + " into Go struct field " + enclosing + "." + goPath + " of type " + go + ")");
    }
}
