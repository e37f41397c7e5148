package dev.kubeward.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import com.google.common.primitives.UnsignedLong;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationExceptionBuilder;
import dev.cel.runtime.CelFunctionBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes CEL libraries that dev.cel does not ship, implemented after
 * k8s.io/apiserver/pkg/cel/library/*.go: same function names, overload ids, results and error
 * messages; each with the Kubernetes version of environment/base.go that introduced it.
 */
public final class KubeLibraries {
    private KubeLibraries() {}

    private static final CelType STRING = SimpleType.STRING;
    private static final CelType BOOL = SimpleType.BOOL;
    private static final CelType INT = SimpleType.INT;
    private static final CelType DOUBLE = SimpleType.DOUBLE;
    private static final CelType UINT = SimpleType.UINT;
    private static final CelType DYN = SimpleType.DYN;

    static CelEvaluationException error(String message) {
        return CelEvaluationExceptionBuilder.newBuilder("%s", message).build();
    }

    /** Every library in this class, in the order of base.go. */
    public static List<KubeLibrary> all() {
        return List.of(urls(), regex(), lists(), authz(), quantity(), ip(), cidr(), format(), authzSelectors(), semver(),
                stringsFormat());
    }

    // ------------------------------------------------------------------ lists (all versions)

    private record Named(String name, CelType type) {}

    private static final List<Named> COMPARABLE = List.of(new Named("int", INT), new Named("uint", UINT),
            new Named("double", DOUBLE), new Named("bool", BOOL), new Named("duration", SimpleType.DURATION),
            new Named("timestamp", SimpleType.TIMESTAMP), new Named("string", STRING), new Named("bytes", SimpleType.BYTES));
    private static final List<Named> SUMMABLE = List.of(new Named("int", INT), new Named("uint", UINT),
            new Named("double", DOUBLE), new Named("duration", SimpleType.DURATION));

    static KubeLibrary lists() {
        List<CelFunctionDecl> decls = new ArrayList<>();
        List<CelFunctionBinding> bindings = new ArrayList<>();
        List<dev.cel.common.CelOverloadDecl> sorted = new ArrayList<>();
        List<dev.cel.common.CelOverloadDecl> sums = new ArrayList<>();
        List<dev.cel.common.CelOverloadDecl> maxes = new ArrayList<>();
        List<dev.cel.common.CelOverloadDecl> mins = new ArrayList<>();
        for (Named t : COMPARABLE) {
            String sortedId = "list_" + t.name + "_is_sorted_bool";
            sorted.add(newMemberOverload(sortedId, BOOL, ListType.create(t.type)));
            bindings.add(CelFunctionBinding.from(sortedId, List.class, KubeLibraries::isSorted));
            String maxId = "list_" + t.name + "_max_" + t.name;
            maxes.add(newMemberOverload(maxId, t.type, ListType.create(t.type)));
            bindings.add(CelFunctionBinding.from(maxId, List.class, l -> extreme(l, "max", -1)));
            String minId = "list_" + t.name + "_min_" + t.name;
            mins.add(newMemberOverload(minId, t.type, ListType.create(t.type)));
            bindings.add(CelFunctionBinding.from(minId, List.class, l -> extreme(l, "min", 1)));
        }
        for (Named t : SUMMABLE) {
            String id = "list_" + t.name + "_sum_" + t.name;
            sums.add(newMemberOverload(id, t.type, ListType.create(t.type)));
            String kind = t.name;
            bindings.add(CelFunctionBinding.from(id, List.class, l -> sum(l, kind)));
        }
        decls.add(newFunctionDeclaration("isSorted", sorted));
        decls.add(newFunctionDeclaration("sum", sums));
        decls.add(newFunctionDeclaration("max", maxes));
        decls.add(newFunctionDeclaration("min", mins));
        TypeParamType a = TypeParamType.create("A");
        decls.add(newFunctionDeclaration("indexOf", newMemberOverload("list_a_index_of_int", INT, ListType.create(a), a)));
        decls.add(newFunctionDeclaration("lastIndexOf", newMemberOverload("list_a_last_index_of_int", INT, ListType.create(a), a)));
        bindings.add(CelFunctionBinding.from("list_a_index_of_int", List.class, Object.class, (l, x) -> {
            for (int i = 0; i < l.size(); i++) {
                if (CelEquality.equal(l.get(i), x)) {
                    return (long) i;
                }
            }
            return -1L;
        }));
        bindings.add(CelFunctionBinding.from("list_a_last_index_of_int", List.class, Object.class, (l, x) -> {
            for (int i = l.size() - 1; i >= 0; i--) {
                if (CelEquality.equal(l.get(i), x)) {
                    return (long) i;
                }
            }
            return -1L;
        }));
        return new KubeLibrary("kubernetes.lists", CelVersion.of(1, 0), null, decls, bindings,
                List.of("isSorted", "sum", "max", "min", "indexOf", "lastIndexOf"));
    }

    private static Object isSorted(List<?> list) throws CelEvaluationException {
        Object prev = null;
        for (Object next : list) {
            if (prev != null && CelEquality.compare(prev, next) > 0) {
                return false;
            }
            prev = next;
        }
        return true;
    }

    private static Object extreme(List<?> list, String op, int prefer) throws CelEvaluationException {
        Object result = null;
        for (Object next : list) {
            if (result == null) {
                result = next;
            } else if (Integer.signum(CelEquality.compare(result, next)) == prefer) {
                result = next;
            }
        }
        if (result == null) {
            throw error(op + " called on empty list");
        }
        return result;
    }

    private static Object sum(List<?> list, String kind) throws CelEvaluationException {
        switch (kind) {
            case "int": {
                long acc = 0;
                for (Object o : list) {
                    try {
                        acc = Math.addExact(acc, (Long) o);
                    } catch (ArithmeticException e) {
                        throw error("integer overflow");
                    }
                }
                return acc;
            }
            case "uint": {
                UnsignedLong acc = UnsignedLong.ZERO;
                for (Object o : list) {
                    UnsignedLong next = acc.plus((UnsignedLong) o);
                    if (next.compareTo(acc) < 0) {
                        throw error("unsigned integer overflow");
                    }
                    acc = next;
                }
                return acc;
            }
            case "double": {
                double acc = 0.0;
                for (Object o : list) {
                    acc += ((Number) o).doubleValue();
                }
                return acc;
            }
            default: {
                Duration acc = Duration.ZERO;
                for (Object o : list) {
                    acc = acc.plus(CelEquality.asDuration(o));
                }
                return CelEquality.durationLike(list.isEmpty() ? null : list.get(0), acc);
            }
        }
    }

    // ------------------------------------------------------------------ regex (all versions)

    static KubeLibrary regex() {
        List<CelFunctionDecl> decls = List.of(
                newFunctionDeclaration("find", newMemberOverload("string_find_string", STRING, STRING, STRING)),
                newFunctionDeclaration("findAll",
                        newMemberOverload("string_find_all_string", ListType.create(STRING), STRING, STRING),
                        newMemberOverload("string_find_all_string_int", ListType.create(STRING), STRING, STRING, INT)));
        List<CelFunctionBinding> bindings = List.of(
                CelFunctionBinding.from("string_find_string", String.class, String.class, (s, re) -> {
                    Matcher m = compile(re).matcher(s);
                    return m.find() ? m.group() : "";
                }),
                CelFunctionBinding.from("string_find_all_string", String.class, String.class, (s, re) -> findAll(s, re, -1)),
                CelFunctionBinding.from("string_find_all_string_int", List.of(String.class, String.class, Long.class),
                        args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
        return new KubeLibrary("kubernetes.regex", CelVersion.of(1, 0), null, decls, bindings, List.of("find", "findAll"));
    }

    static Pattern compile(String re) throws CelEvaluationException {
        try {
            return RegexCache.compile(re);
        } catch (PatternSyntaxException e) {
            throw error("Illegal regex: " + GoRegexErrors.message(e));
        }
    }

    /** regexp.FindAllString: successive non-overlapping matches; an empty match right after a match is skipped. */
    static List<String> findAll(String s, String re, long n) throws CelEvaluationException {
        Pattern p = compile(re);
        List<String> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        Matcher m = p.matcher(s);
        int pos = 0;
        int prevMatchEnd = -1;
        while ((n < 0 || out.size() < n) && pos <= s.length()) {
            if (!m.find(pos)) {
                break;
            }
            boolean accept = true;
            if (m.end() == m.start()) {
                if (m.start() == prevMatchEnd) {
                    accept = false;
                }
                if (m.start() < s.length()) {
                    pos = m.start() + Character.charCount(s.codePointAt(m.start()));
                } else {
                    pos = s.length() + 1;
                }
            } else {
                pos = m.end();
            }
            prevMatchEnd = m.end();
            if (accept) {
                out.add(m.group());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ urls (all versions)

    static KubeLibrary urls() {
        CelType u = KubeTypes.URL;
        List<CelFunctionDecl> decls = List.of(
                newFunctionDeclaration("url", newGlobalOverload("string_to_url", u, STRING)),
                newFunctionDeclaration("getScheme", newMemberOverload("url_get_scheme", STRING, u)),
                newFunctionDeclaration("getHost", newMemberOverload("url_get_host", STRING, u)),
                newFunctionDeclaration("getHostname", newMemberOverload("url_get_hostname", STRING, u)),
                newFunctionDeclaration("getPort", newMemberOverload("url_get_port", STRING, u)),
                newFunctionDeclaration("getEscapedPath", newMemberOverload("url_get_escaped_path", STRING, u)),
                newFunctionDeclaration("getQuery", newMemberOverload("url_get_query", MapType.create(STRING, ListType.create(STRING)), u)),
                newFunctionDeclaration("isURL", newGlobalOverload("is_url_string", BOOL, STRING)));
        List<CelFunctionBinding> bindings = List.of(
                CelFunctionBinding.from("string_to_url", String.class, s -> {
                    try {
                        GoUrl.parseRequestUri(s);
                        return GoUrl.parse(s);
                    } catch (IllegalArgumentException e) {
                        throw error("URL parse error during conversion from string: " + e.getMessage());
                    }
                }),
                CelFunctionBinding.from("url_get_scheme", GoUrl.class, GoUrl::scheme),
                CelFunctionBinding.from("url_get_host", GoUrl.class, GoUrl::host),
                CelFunctionBinding.from("url_get_hostname", GoUrl.class, GoUrl::hostname),
                CelFunctionBinding.from("url_get_port", GoUrl.class, GoUrl::port),
                CelFunctionBinding.from("url_get_escaped_path", GoUrl.class, GoUrl::escapedPath),
                CelFunctionBinding.from("url_get_query", GoUrl.class, x -> new LinkedHashMap<>(x.query())),
                CelFunctionBinding.from("is_url_string", String.class, s -> {
                    try {
                        GoUrl.parseRequestUri(s);
                        return true;
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                }));
        return new KubeLibrary("kubernetes.urls", CelVersion.of(1, 0), null, decls, bindings,
                List.of("url", "isURL", "getScheme", "getHost", "getHostname", "getPort", "getEscapedPath", "getQuery"));
    }

    // ------------------------------------------------------------------ authz (1.27)

    static KubeLibrary authz() {
        CelType az = KubeTypes.AUTHORIZER;
        CelType pc = KubeTypes.PATH_CHECK;
        CelType gc = KubeTypes.GROUP_CHECK;
        CelType rc = KubeTypes.RESOURCE_CHECK;
        CelType d = KubeTypes.DECISION;
        List<CelFunctionDecl> decls = List.of(
                newFunctionDeclaration("path", newMemberOverload("authorizer_path", pc, az, STRING)),
                newFunctionDeclaration("group", newMemberOverload("authorizer_group", gc, az, STRING)),
                newFunctionDeclaration("serviceAccount", newMemberOverload("authorizer_serviceaccount", az, az, STRING, STRING)),
                newFunctionDeclaration("resource", newMemberOverload("groupcheck_resource", rc, gc, STRING)),
                newFunctionDeclaration("subresource", newMemberOverload("resourcecheck_subresource", rc, rc, STRING)),
                newFunctionDeclaration("namespace", newMemberOverload("resourcecheck_namespace", rc, rc, STRING)),
                newFunctionDeclaration("name", newMemberOverload("resourcecheck_name", rc, rc, STRING)),
                newFunctionDeclaration("check",
                        newMemberOverload("pathcheck_check", d, pc, STRING),
                        newMemberOverload("resourcecheck_check", d, rc, STRING)),
                newFunctionDeclaration("errored", newMemberOverload("decision_errored", BOOL, d)),
                newFunctionDeclaration("error", newMemberOverload("decision_error", STRING, d)),
                newFunctionDeclaration("allowed", newMemberOverload("decision_allowed", BOOL, d)),
                newFunctionDeclaration("reason", newMemberOverload("decision_reason", STRING, d)));
        List<CelFunctionBinding> bindings = List.of(
                CelFunctionBinding.from("authorizer_path", AuthzValues.Authorizer.class, String.class, AuthzValues.PathCheck::new),
                CelFunctionBinding.from("authorizer_group", AuthzValues.Authorizer.class, String.class, AuthzValues.GroupCheck::new),
                CelFunctionBinding.from("authorizer_serviceaccount", List.of(AuthzValues.Authorizer.class, String.class, String.class),
                        args -> {
                            AuthzValues.Authorizer a = (AuthzValues.Authorizer) args[0];
                            String ns = (String) args[1];
                            String name = (String) args[2];
                            // serviceaccount.UserInfo: the groups name the service accounts only, not system:authenticated.
                            CelAuthorizer.User sa = new CelAuthorizer.User("system:serviceaccount:" + ns + ":" + name, "",
                                    List.of("system:serviceaccounts", "system:serviceaccounts:" + ns), Map.of());
                            return new AuthzValues.Authorizer(a.backend(), sa);
                        }),
                CelFunctionBinding.from("groupcheck_resource", AuthzValues.GroupCheck.class, String.class,
                        (g, r) -> new AuthzValues.ResourceCheck(g, r, "", "", "", "", "")),
                CelFunctionBinding.from("resourcecheck_subresource", AuthzValues.ResourceCheck.class, String.class,
                        (c, s) -> c.with(c.resource(), s, c.namespace(), c.name(), c.fieldSelector(), c.labelSelector())),
                CelFunctionBinding.from("resourcecheck_namespace", AuthzValues.ResourceCheck.class, String.class,
                        (c, s) -> c.with(c.resource(), c.subresource(), s, c.name(), c.fieldSelector(), c.labelSelector())),
                CelFunctionBinding.from("resourcecheck_name", AuthzValues.ResourceCheck.class, String.class,
                        (c, s) -> c.with(c.resource(), c.subresource(), c.namespace(), s, c.fieldSelector(), c.labelSelector())),
                CelFunctionBinding.from("pathcheck_check", AuthzValues.PathCheck.class, String.class, (p, verb) -> decide(
                        p.authorizer(), new CelAuthorizer.Attributes(p.authorizer().user(), verb, false, "", "", "", "", "", p.path(), "", ""))),
                CelFunctionBinding.from("resourcecheck_check", AuthzValues.ResourceCheck.class, String.class, (c, verb) -> decide(
                        c.group().authorizer(), new CelAuthorizer.Attributes(c.group().authorizer().user(), verb, true,
                                c.group().group(), c.resource(), c.subresource(), c.namespace(), c.name(), "",
                                c.fieldSelector(), c.labelSelector()))),
                CelFunctionBinding.from("decision_errored", AuthzValues.Decision.class, x -> x.error() != null),
                CelFunctionBinding.from("decision_error", AuthzValues.Decision.class, x -> x.error() == null ? "" : x.error()),
                CelFunctionBinding.from("decision_allowed", AuthzValues.Decision.class, AuthzValues.Decision::allowed),
                CelFunctionBinding.from("decision_reason", AuthzValues.Decision.class, AuthzValues.Decision::reason));
        return new KubeLibrary("kubernetes.authz", CelVersion.of(1, 27), null, decls, bindings,
                List.of("path", "group", "serviceAccount", "resource", "subresource", "namespace", "name", "check",
                        "allowed", "reason", "errored", "error"));
    }

    private static AuthzValues.Decision decide(AuthzValues.Authorizer a, CelAuthorizer.Attributes attributes) {
        CelAuthorizer.Decision d = a.backend().authorize(attributes);
        return new AuthzValues.Decision(d.allowed(), d.reason() == null ? "" : d.reason(), d.error());
    }

    /** library.AuthzSelectors (1.31, AuthorizeWithSelectors): field and label selectors on a check. */
    static KubeLibrary authzSelectors() {
        CelType rc = KubeTypes.RESOURCE_CHECK;
        List<CelFunctionDecl> decls = List.of(
                newFunctionDeclaration("fieldSelector", newMemberOverload("authorizer_fieldselector", rc, rc, STRING)),
                newFunctionDeclaration("labelSelector", newMemberOverload("authorizer_labelselector", rc, rc, STRING)));
        List<CelFunctionBinding> bindings = List.of(
                CelFunctionBinding.from("authorizer_fieldselector", AuthzValues.ResourceCheck.class, String.class,
                        (c, s) -> c.with(c.resource(), c.subresource(), c.namespace(), c.name(), s, c.labelSelector())),
                CelFunctionBinding.from("authorizer_labelselector", AuthzValues.ResourceCheck.class, String.class,
                        (c, s) -> c.with(c.resource(), c.subresource(), c.namespace(), c.name(), c.fieldSelector(), s)));
        return new KubeLibrary("kubernetes.authzSelectors", CelVersion.of(1, 31), null, decls, bindings,
                List.of("fieldSelector", "labelSelector"));
    }

    // ------------------------------------------------------------------ quantity (1.28)

    static KubeLibrary quantity() {
        CelType q = KubeTypes.QUANTITY;
        List<CelFunctionDecl> decls = List.of(
                newFunctionDeclaration("quantity", newGlobalOverload("string_to_quantity", q, STRING)),
                newFunctionDeclaration("isQuantity", newGlobalOverload("is_quantity_string", BOOL, STRING)),
                newFunctionDeclaration("sign", newGlobalOverload("quantity_sign", INT, q)),
                newFunctionDeclaration("isGreaterThan", newMemberOverload("quantity_is_greater_than", BOOL, q, q)),
                newFunctionDeclaration("isLessThan", newMemberOverload("quantity_is_less_than", BOOL, q, q)),
                newFunctionDeclaration("compareTo", newMemberOverload("quantity_compare_to", INT, q, q)),
                newFunctionDeclaration("asApproximateFloat", newMemberOverload("quantity_get_float", DOUBLE, q)),
                newFunctionDeclaration("asInteger", newMemberOverload("quantity_get_int", INT, q)),
                newFunctionDeclaration("isInteger", newMemberOverload("quantity_is_integer", BOOL, q)),
                newFunctionDeclaration("add",
                        newMemberOverload("quantity_add", q, q, q), newMemberOverload("quantity_add_int", q, q, INT)),
                newFunctionDeclaration("sub",
                        newMemberOverload("quantity_sub", q, q, q), newMemberOverload("quantity_sub_int", q, q, INT)));
        List<CelFunctionBinding> bindings = List.of(
                CelFunctionBinding.from("string_to_quantity", String.class, s -> {
                    try {
                        return Quantity.parse(s);
                    } catch (IllegalArgumentException e) {
                        throw error(e.getMessage());
                    }
                }),
                CelFunctionBinding.from("is_quantity_string", String.class, s -> {
                    try {
                        Quantity.parse(s);
                        return true;
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                }),
                CelFunctionBinding.from("quantity_sign", Quantity.class, x -> (long) x.sign()),
                CelFunctionBinding.from("quantity_is_greater_than", Quantity.class, Quantity.class, (a, b) -> a.compareTo(b) > 0),
                CelFunctionBinding.from("quantity_is_less_than", Quantity.class, Quantity.class, (a, b) -> a.compareTo(b) < 0),
                CelFunctionBinding.from("quantity_compare_to", Quantity.class, Quantity.class, (a, b) -> (long) Integer.signum(a.compareTo(b))),
                CelFunctionBinding.from("quantity_get_float", Quantity.class, Quantity::asApproximateDouble),
                CelFunctionBinding.from("quantity_get_int", Quantity.class, x -> {
                    if (!x.isInteger()) {
                        throw error("cannot convert value to integer");
                    }
                    return x.asLong();
                }),
                CelFunctionBinding.from("quantity_is_integer", Quantity.class, Quantity::isInteger),
                CelFunctionBinding.from("quantity_add", Quantity.class, Quantity.class, Quantity::add),
                CelFunctionBinding.from("quantity_add_int", Quantity.class, Long.class, (a, b) -> a.add(Quantity.ofLong(b))),
                CelFunctionBinding.from("quantity_sub", Quantity.class, Quantity.class, Quantity::sub),
                CelFunctionBinding.from("quantity_sub_int", Quantity.class, Long.class, (a, b) -> a.sub(Quantity.ofLong(b))));
        return new KubeLibrary("kubernetes.quantity", CelVersion.of(1, 28), null, decls, bindings,
                List.of("quantity", "isQuantity", "sign", "isGreaterThan", "isLessThan", "compareTo", "asApproximateFloat",
                        "asInteger", "isInteger", "add", "sub"));
    }

    // ------------------------------------------------------------------ ip and cidr (1.30)

    private static IpAddress parseIp(String raw) throws CelEvaluationException {
        IpAddress addr;
        try {
            addr = IpAddress.parse(raw);
        } catch (IllegalArgumentException e) {
            throw error("IP Address " + GoStrings.quote(raw) + " parse error during conversion from string: " + e.getMessage());
        }
        if (!addr.zone().isEmpty()) {
            throw error("IP address " + GoStrings.quote(raw) + " with zone value is not allowed");
        }
        if (addr.is4In6()) {
            throw error("IPv4-mapped IPv6 address " + GoStrings.quote(raw) + " is not allowed");
        }
        return addr;
    }

    private static Cidr parseCidr(String raw) throws CelEvaluationException {
        Cidr c;
        try {
            c = Cidr.parse(raw);
        } catch (IllegalArgumentException e) {
            throw error("network address parse error during conversion from string: network address parse error during conversion from string: "
                    + e.getMessage());
        }
        if (c.address().is4In6()) {
            throw error("network address parse error during conversion from string: IPv4-mapped IPv6 address "
                    + GoStrings.quote(raw) + " is not allowed");
        }
        return c;
    }

    private static boolean isCidr(String raw) {
        try {
            Cidr c = Cidr.parse(raw);
            return !c.address().is4In6();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static KubeLibrary ip() {
        CelType ip = KubeTypes.IP;
        List<CelFunctionDecl> decls = List.of(
                newFunctionDeclaration("ip", newGlobalOverload("string_to_ip", ip, STRING)),
                newFunctionDeclaration("family", newMemberOverload("ip_family", INT, ip)),
                newFunctionDeclaration("ip.isCanonical", newGlobalOverload("ip_is_canonical", BOOL, STRING)),
                newFunctionDeclaration("isUnspecified", newMemberOverload("ip_is_unspecified", BOOL, ip)),
                newFunctionDeclaration("isLoopback", newMemberOverload("ip_is_loopback", BOOL, ip)),
                newFunctionDeclaration("isLinkLocalMulticast", newMemberOverload("ip_is_link_local_multicast", BOOL, ip)),
                newFunctionDeclaration("isLinkLocalUnicast", newMemberOverload("ip_is_link_local_unicast", BOOL, ip)),
                newFunctionDeclaration("isGlobalUnicast", newMemberOverload("ip_is_global_unicast", BOOL, ip)),
                newFunctionDeclaration("isIP", newGlobalOverload("is_ip", BOOL, STRING)),
                newFunctionDeclaration("string", newGlobalOverload("ip_to_string", STRING, ip)));
        List<CelFunctionBinding> bindings = List.of(
                CelFunctionBinding.from("string_to_ip", String.class, KubeLibraries::parseIp),
                CelFunctionBinding.from("ip_family", IpAddress.class, x -> x.is4() ? 4L : 6L),
                CelFunctionBinding.from("ip_is_canonical", String.class, s -> parseIp(s).toString().equals(s)),
                CelFunctionBinding.from("ip_is_unspecified", IpAddress.class, IpAddress::isUnspecified),
                CelFunctionBinding.from("ip_is_loopback", IpAddress.class, IpAddress::isLoopback),
                CelFunctionBinding.from("ip_is_link_local_multicast", IpAddress.class, IpAddress::isLinkLocalMulticast),
                CelFunctionBinding.from("ip_is_link_local_unicast", IpAddress.class, IpAddress::isLinkLocalUnicast),
                CelFunctionBinding.from("ip_is_global_unicast", IpAddress.class, IpAddress::isGlobalUnicast),
                CelFunctionBinding.from("is_ip", String.class, s -> {
                    try {
                        parseIp(s);
                        return true;
                    } catch (CelEvaluationException e) {
                        return false;
                    }
                }),
                CelFunctionBinding.from("ip_to_string", IpAddress.class, IpAddress::toString));
        return new KubeLibrary("kubernetes.net.ip", CelVersion.of(1, 30), null, decls, bindings,
                List.of("ip", "isIP", "ip.isCanonical", "family", "isUnspecified", "isLoopback", "isLinkLocalMulticast",
                        "isLinkLocalUnicast", "isGlobalUnicast", "string(ip)"));
    }

    static KubeLibrary cidr() {
        CelType c = KubeTypes.CIDR;
        CelType ip = KubeTypes.IP;
        List<CelFunctionDecl> decls = List.of(
                newFunctionDeclaration("cidr", newGlobalOverload("string_to_cidr", c, STRING)),
                newFunctionDeclaration("containsIP",
                        newMemberOverload("cidr_contains_ip_string", BOOL, c, STRING),
                        newMemberOverload("cidr_contains_ip_ip", BOOL, c, ip)),
                newFunctionDeclaration("containsCIDR",
                        newMemberOverload("cidr_contains_cidr_string", BOOL, c, STRING),
                        newMemberOverload("cidr_contains_cidr", BOOL, c, c)),
                newFunctionDeclaration("ip", newMemberOverload("cidr_ip", ip, c)),
                newFunctionDeclaration("prefixLength", newMemberOverload("cidr_prefix_length", INT, c)),
                newFunctionDeclaration("masked", newMemberOverload("cidr_masked", c, c)),
                newFunctionDeclaration("isCIDR", newGlobalOverload("is_cidr", BOOL, STRING)),
                newFunctionDeclaration("string", newGlobalOverload("cidr_to_string", STRING, c)));
        List<CelFunctionBinding> bindings = List.of(
                CelFunctionBinding.from("string_to_cidr", String.class, KubeLibraries::parseCidr),
                CelFunctionBinding.from("cidr_contains_ip_string", Cidr.class, String.class, (x, s) -> x.contains(parseIp(s))),
                CelFunctionBinding.from("cidr_contains_ip_ip", Cidr.class, IpAddress.class, Cidr::contains),
                CelFunctionBinding.from("cidr_contains_cidr_string", Cidr.class, String.class, (x, s) -> x.containsCidr(parseCidr(s))),
                CelFunctionBinding.from("cidr_contains_cidr", Cidr.class, Cidr.class, Cidr::containsCidr),
                CelFunctionBinding.from("cidr_ip", Cidr.class, Cidr::address),
                CelFunctionBinding.from("cidr_prefix_length", Cidr.class, x -> (long) x.bits()),
                CelFunctionBinding.from("cidr_masked", Cidr.class, Cidr::masked),
                CelFunctionBinding.from("is_cidr", String.class, KubeLibraries::isCidr),
                CelFunctionBinding.from("cidr_to_string", Cidr.class, Cidr::toString));
        return new KubeLibrary("kubernetes.net.cidr", CelVersion.of(1, 30), null, decls, bindings,
                List.of("cidr", "isCIDR", "containsIP", "containsCIDR", "ip(cidr)", "prefixLength", "masked", "string(cidr)"));
    }

    // ------------------------------------------------------------------ format (1.31)

    static KubeLibrary format() {
        CelType f = KubeTypes.FORMAT;
        List<CelFunctionDecl> decls = new ArrayList<>();
        List<CelFunctionBinding> bindings = new ArrayList<>();
        List<String> names = new ArrayList<>();
        decls.add(newFunctionDeclaration("validate",
                newMemberOverload("format-validate", OptionalType.create(ListType.create(STRING)), f, STRING)));
        bindings.add(CelFunctionBinding.from("format-validate", NamedFormat.class, String.class, (nf, s) -> {
            List<String> errs = nf.validate(s);
            return errs.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(errs));
        }));
        decls.add(newFunctionDeclaration("format.named",
                newGlobalOverload("format-named", OptionalType.create(f), STRING)));
        bindings.add(CelFunctionBinding.from("format-named", String.class,
                s -> Optional.ofNullable(NamedFormat.all().get(s))));
        names.add("format.named");
        names.add("validate");
        for (NamedFormat nf : NamedFormat.all().values()) {
            String fn = "format." + nf.key();
            decls.add(newFunctionDeclaration(fn, newGlobalOverload(fn, f)));
            bindings.add(CelFunctionBinding.from(fn, List.of(), args -> nf));
            names.add(fn);
        }
        return new KubeLibrary("format", CelVersion.of(1, 31), null, decls, bindings, names);
    }

    // ------------------------------------------------------------------ semver (1.33, version 1)

    static KubeLibrary semver() {
        CelType v = KubeTypes.SEMVER;
        List<CelFunctionDecl> decls = List.of(
                newFunctionDeclaration("semver",
                        newGlobalOverload("string_to_semver", v, STRING),
                        newGlobalOverload("string_bool_to_semver", v, STRING, BOOL)),
                newFunctionDeclaration("isSemver",
                        newGlobalOverload("is_semver_string", BOOL, STRING),
                        newGlobalOverload("is_semver_string_bool", BOOL, STRING, BOOL)),
                newFunctionDeclaration("isGreaterThan", newMemberOverload("semver_is_greater_than", BOOL, v, v)),
                newFunctionDeclaration("isLessThan", newMemberOverload("semver_is_less_than", BOOL, v, v)),
                newFunctionDeclaration("compareTo", newMemberOverload("semver_compare_to", INT, v, v)),
                newFunctionDeclaration("major", newMemberOverload("semver_major", INT, v)),
                newFunctionDeclaration("minor", newMemberOverload("semver_minor", INT, v)),
                newFunctionDeclaration("patch", newMemberOverload("semver_patch", INT, v)));
        List<CelFunctionBinding> bindings = List.of(
                CelFunctionBinding.from("string_to_semver", String.class, s -> semver(s, false)),
                CelFunctionBinding.from("string_bool_to_semver", String.class, Boolean.class, KubeLibraries::semver),
                CelFunctionBinding.from("is_semver_string", String.class, s -> isSemver(s, false)),
                CelFunctionBinding.from("is_semver_string_bool", String.class, Boolean.class, KubeLibraries::isSemver),
                CelFunctionBinding.from("semver_is_greater_than", Semver.class, Semver.class, (a, b) -> a.compareTo(b) > 0),
                CelFunctionBinding.from("semver_is_less_than", Semver.class, Semver.class, (a, b) -> a.compareTo(b) < 0),
                CelFunctionBinding.from("semver_compare_to", Semver.class, Semver.class, (a, b) -> (long) a.compareTo(b)),
                CelFunctionBinding.from("semver_major", Semver.class, Semver::major),
                CelFunctionBinding.from("semver_minor", Semver.class, Semver::minor),
                CelFunctionBinding.from("semver_patch", Semver.class, Semver::patch));
        return new KubeLibrary("kubernetes.Semver", CelVersion.of(1, 33), null, decls, bindings,
                List.of("semver", "isSemver", "isGreaterThan", "isLessThan", "compareTo", "major", "minor", "patch"));
    }

    private static Semver semver(String s, boolean normalize) throws CelEvaluationException {
        try {
            return normalize ? Semver.parseNormalized(s) : Semver.parse(s);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private static boolean isSemver(String s, boolean normalize) {
        try {
            semver(s, normalize);
            return true;
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ strings.format (ext.Strings v1+, 1.29)

    static KubeLibrary stringsFormat() {
        List<CelFunctionDecl> decls = List.of(newFunctionDeclaration("format",
                newMemberOverload("string_format", STRING, STRING, ListType.create(DYN))));
        List<CelFunctionBinding> bindings = List.of(CelFunctionBinding.from("string_format", String.class, List.class,
                (f, args) -> StringFormatter.format(f, args)));
        return new KubeLibrary("strings.format", CelVersion.of(1, 29), null, decls, bindings, List.of("format"));
    }
}
