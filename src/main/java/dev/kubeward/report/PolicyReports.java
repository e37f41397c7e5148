package dev.kubeward.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.Finding;
import dev.kubeward.model.CoverageGap;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scan as Kubernetes policy reports (the Policy WG's {@code wgpolicyk8s.io/v1alpha2}
 * PolicyReport and ClusterPolicyReport, or their successor {@code openreports.io/v1alpha1} Report
 * and ClusterReport), the objects Kyverno writes and Policy Reporter reads.
 *
 * <p>Layout: one namespaced report named {@value #NAME} per namespace holding the results about
 * that namespace's objects, one cluster report named {@value #NAME} with the results about
 * cluster-scoped objects (Namespaces, ClusterRoles, Nodes, webhooks), the kinds that could not be
 * read and the input that could not be parsed. A report whose results would pass {@link #BUDGET}
 * bytes (etcd refuses an object over 1.5 MiB) is split into chunks {@code kubeward},
 * {@code kubeward-2}, … each carrying the labels {@value #CHUNK_LABEL} and {@value #CHUNKS_LABEL};
 * every report carries {@value #MANAGED_BY}={@value #SOURCE}, the label {@code --apply} selects
 * kubeward's reports by.
 *
 * <p>Results: an open finding is {@code fail} (scored), a finding the baseline covers {@code warn}
 * (not scored), an exempted finding {@code skip} with the exemption's reason, a kind not read and
 * an unreadable input {@code error}. Each result names its resource ({@code apiVersion},
 * {@code kind}, {@code namespace}, {@code name}, and {@code uid} when the object was read from a
 * cluster). Passing checks are listed only {@linkplain #withPasses when asked}: a pass per check and
 * object (Kyverno's per-rule results) is tens of results per object in etcd. No report carries {@code scope}: in wgpolicyk8s it names the one object a report is about
 * (Kyverno's per-resource layout), and these reports are about a namespace's objects, each result
 * naming its own.
 */
public final class PolicyReports {
    public static final String SOURCE = "kubeward";
    public static final String NAME = "kubeward";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String CHUNK_LABEL = "kubeward.dev/chunk";
    public static final String CHUNKS_LABEL = "kubeward.dev/chunks";
    /** Which set of reports a report belongs to: its base name ({@value #NAME} for scan, {@value #KUBELETS} for node). */
    public static final String SET_LABEL = "kubeward.dev/report";
    /** The base name of {@code node --cluster}'s reports, apart from scan's so that neither replaces the other. */
    public static final String KUBELETS = "kubeward-kubelets";
    /** The namespace of the results about namespaced objects whose manifest names none. */
    public static final String DEFAULT_NAMESPACE = "default";
    /**
     * The most bytes of results in one report: etcd's limit is 1.5 MiB per object, and the metadata,
     * summary and the API server's managedFields need room besides.
     */
    public static final int BUDGET = 1_000_000;
    /** The policy of a result for a kind that could not be read. */
    public static final String COVERAGE_POLICY = "kubeward-coverage";
    /** The policy of a result for input that could not be read. */
    public static final String INPUT_POLICY = "kubeward-input";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Which report API to write. */
    public enum Api {
        WGPOLICY("wgpolicyk8s.io", "v1alpha2", "PolicyReport", "ClusterPolicyReport", "policyreports", "clusterpolicyreports"),
        OPENREPORTS("openreports.io", "v1alpha1", "Report", "ClusterReport", "reports", "clusterreports");

        public final String group;
        public final String version;
        public final String kind;
        public final String clusterKind;
        public final String plural;
        public final String clusterPlural;

        Api(String group, String version, String kind, String clusterKind, String plural, String clusterPlural) {
            this.group = group;
            this.version = version;
            this.kind = kind;
            this.clusterKind = clusterKind;
            this.plural = plural;
            this.clusterPlural = clusterPlural;
        }

        public String apiVersion() {
            return group + "/" + version;
        }

        /** The API a {@code --report-api} value names: wgpolicyk8s (or policyreport), openreports. */
        public static Api parse(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "wgpolicyk8s", "wgpolicyk8s.io", "policyreport" -> WGPOLICY;
                case "openreports", "openreports.io" -> OPENREPORTS;
                default -> throw new IllegalArgumentException("unknown report API '" + value
                        + "'; the report APIs are wgpolicyk8s (wgpolicyk8s.io/v1alpha2) and openreports (openreports.io/v1alpha1)");
            };
        }
    }

    private final Api api;
    private final Instant time;
    private final int budget;
    private final String name;
    private boolean passes;

    public PolicyReports(Api api, Instant time) {
        this(api, time, BUDGET, NAME);
    }

    /** Reports of the set {@code name} ({@value #NAME}, {@value #KUBELETS}). */
    public PolicyReports(Api api, Instant time, String name) {
        this(api, time, BUDGET, name);
    }

    PolicyReports(Api api, Instant time, int budget) {
        this(api, time, budget, NAME);
    }

    PolicyReports(Api api, Instant time, int budget, String name) {
        this.api = api;
        this.time = time;
        this.budget = budget;
        this.name = name;
    }

    /**
     * Also a {@code pass} result for each check that examined an object and found nothing on it
     * (Kyverno's per-rule passes): the checks of the object's categories, as JUnit's test cases are
     * chosen ({@link JunitReporter#rulesFor}). Tens of results per object: opt-in ({@code --report-pass}).
     */
    public PolicyReports withPasses(boolean passes) {
        this.passes = passes;
        return this;
    }

    /** The labels that select every report of the set {@code name}, and only those. */
    public static Map<String, String> selector(String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, SOURCE);
        labels.put(SET_LABEL, name);
        return labels;
    }

    /** The reports of a scan: namespaced ones sorted by namespace, then the cluster report(s). */
    public List<ObjectNode> build(ScanReport report, RenderOptions options) {
        Map<String, List<ObjectNode>> byNamespace = new TreeMap<>();
        List<ObjectNode> cluster = new ArrayList<>();
        Map<String, String> uids = new java.util.HashMap<>();
        for (ScanReport.ScannedObject o : report.objects()) {
            if (o.uid() != null && !o.uid().isEmpty()) {
                uids.put(o.file() + "\u0000" + o.ref(), o.uid());
            }
        }
        for (Finding f : report.shown(options)) {
            ObjectNode r = result(f, report, uids);
            String ns = namespaceOf(f.resource());
            if (ns == null) {
                cluster.add(r);
            } else {
                byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(r);
            }
        }
        if (passes) {
            passes(report, uids, byNamespace, cluster);
        }
        for (CoverageGap gap : report.notChecked()) {
            ObjectNode r = base(COVERAGE_POLICY, gap.what(), "error", null);
            r.put("message", "not checked: " + gap.what() + " could not be read (" + gap.reason() + ")");
            cluster.add(r);
        }
        for (InputError e : report.errors()) {
            ObjectNode r = base(INPUT_POLICY, INPUT_POLICY, "error", null);
            r.put("message", e.message());
            ObjectNode props = r.putObject("properties");
            props.put("file", e.file());
            if (e.line() > 0) {
                props.put("line", Integer.toString(e.line()));
            }
            cluster.add(r);
        }
        // Namespaces that were scanned get a report even when nothing failed in them, so that a
        // fixed namespace's old failures are replaced by an empty report.
        for (ScanReport.ScannedObject o : report.objects()) {
            String ns = namespaceOf(o.ref());
            if (ns != null) {
                byNamespace.computeIfAbsent(ns, k -> new ArrayList<>());
            } else if ("Namespace".equals(o.ref().kind()) && o.ref().name() != null && !o.ref().name().isEmpty()) {
                byNamespace.computeIfAbsent(o.ref().name(), k -> new ArrayList<>());
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        byNamespace.forEach((ns, results) -> out.addAll(chunks(ns, results)));
        out.addAll(chunks(null, cluster));
        return out;
    }

    /** A pass result per object and check that examined it without a finding (shown, suppressed or baselined alike). */
    private void passes(ScanReport report, Map<String, String> uids, Map<String, List<ObjectNode>> byNamespace,
            List<ObjectNode> cluster) {
        Map<String, java.util.Set<String>> found = new java.util.HashMap<>();
        for (Finding f : report.findings()) {
            if (f.resource() != null) {
                found.computeIfAbsent(f.file() + "\u0000" + f.resource(), k -> new java.util.HashSet<>()).add(f.checkId());
            }
        }
        for (ScanReport.ScannedObject o : report.objects()) {
            String key = o.file() + "\u0000" + o.ref();
            java.util.Set<String> failed = found.getOrDefault(key, java.util.Set.of());
            String ns = namespaceOf(o.ref());
            for (dev.kubeward.check.CheckMeta rule : JunitReporter.rulesFor(o, report.rules(), java.util.Set.of())) {
                if (failed.contains(rule.id())) {
                    continue;
                }
                ObjectNode r = base(rule.id(), rule.id(), "pass", rule.category());
                r.put("severity", rule.severity().name().toLowerCase(Locale.ROOT));
                r.put("scored", true);
                ObjectNode res = r.putArray("resources").addObject();
                putIfPresent(res, "apiVersion", o.ref().apiVersion());
                putIfPresent(res, "kind", o.ref().kind());
                putIfPresent(res, "name", o.ref().name());
                if (ns != null) {
                    res.put("namespace", ns);
                }
                putIfPresent(res, "uid", uids.get(key));
                r.put("message", rule.title());
                if (o.file() != null) {
                    ObjectNode props = r.putObject("properties");
                    props.put("file", o.file());
                    if (o.line() > 0) {
                        props.put("line", Integer.toString(o.line()));
                    }
                }
                (ns == null ? cluster : byNamespace.computeIfAbsent(ns, k -> new ArrayList<>())).add(r);
            }
        }
    }

    /** The namespace a resource's result belongs in, null for a cluster-scoped one. */
    static String namespaceOf(ObjectRef ref) {
        if (ref == null || ref.kind() == null) {
            return null;
        }
        String group = groupOf(ref.apiVersion());
        if (Kinds.isClusterScoped(group, ref.kind()) || Kinds.isConfigurationFile(group, ref.kind())) {
            return null;
        }
        return ref.namespace() == null || ref.namespace().isEmpty() ? DEFAULT_NAMESPACE : ref.namespace();
    }

    private static String groupOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private ObjectNode result(Finding f, ScanReport report, Map<String, String> uids) {
        String status;
        if (f.suppressed()) {
            status = "skip";
        } else if (report.baselined(f)) {
            status = "warn";
        } else {
            status = "fail";
        }
        ObjectNode r = base(f.checkId(), f.checkId(), status, f.check().category());
        r.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
        if (status.equals("fail")) {
            r.put("scored", true);
        }
        ObjectRef ref = f.resource();
        if (ref != null) {
            ObjectNode res = r.putArray("resources").addObject();
            putIfPresent(res, "apiVersion", ref.apiVersion());
            putIfPresent(res, "kind", ref.kind());
            putIfPresent(res, "name", ref.name());
            String ns = namespaceOf(ref);
            if (ns != null) {
                res.put("namespace", ns);
            }
            putIfPresent(res, "uid", uids.get(f.file() + "\u0000" + ref));
        }
        r.put("message", f.message());
        ObjectNode props = r.putObject("properties");
        if (f.file() != null) {
            props.put("file", f.file());
            if (f.line() > 0) {
                props.put("line", Integer.toString(f.line()));
            }
        }
        if (f.path() != null && !f.path().isRoot()) {
            props.put("path", f.path().toString());
        }
        if (f.suppressed()) {
            props.put("exemption", f.suppression().reason() == null ? "" : f.suppression().reason());
        }
        if (status.equals("warn")) {
            props.put("baseline", "true");
        }
        return r;
    }

    private ObjectNode base(String policy, String rule, String status, String category) {
        ObjectNode r = NODES.objectNode();
        r.put("source", SOURCE);
        r.put("policy", policy);
        r.put("rule", rule);
        if (category != null && !category.isEmpty()) {
            r.put("category", category);
        }
        r.put("result", status);
        ObjectNode ts = r.putObject("timestamp");
        ts.put("seconds", time.getEpochSecond());
        ts.put("nanos", 0);
        return r;
    }

    private static void putIfPresent(ObjectNode n, String key, String value) {
        if (value != null && !value.isEmpty()) {
            n.put(key, value);
        }
    }

    /** The report(s) of one namespace (null: the cluster), split to stay under the budget. */
    private List<ObjectNode> chunks(String namespace, List<ObjectNode> results) {
        List<List<ObjectNode>> parts = new ArrayList<>();
        List<ObjectNode> current = new ArrayList<>();
        long size = 0;
        for (ObjectNode r : results) {
            long bytes = bytes(r);
            if (!current.isEmpty() && size + bytes > budget) {
                parts.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(r);
            size += bytes;
        }
        parts.add(current);
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            out.add(report(namespace, i + 1, parts.size(), parts.get(i)));
        }
        return out;
    }

    private static long bytes(ObjectNode n) {
        try {
            return JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8).length + 1L;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name of chunk {@code index} (from 1) of a report of the set {@code name}. */
    public static String chunkName(String name, int index) {
        return index == 1 ? name : name + "-" + index;
    }

    private ObjectNode report(String namespace, int index, int count, List<ObjectNode> results) {
        ObjectNode rep = NODES.objectNode();
        rep.put("apiVersion", api.apiVersion());
        rep.put("kind", namespace == null ? api.clusterKind : api.kind);
        ObjectNode meta = rep.putObject("metadata");
        meta.put("name", chunkName(name, index));
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        ObjectNode labels = meta.putObject("labels");
        selector(name).forEach(labels::put);
        labels.put(CHUNK_LABEL, Integer.toString(index));
        labels.put(CHUNKS_LABEL, Integer.toString(count));
        if (api == Api.OPENREPORTS) {
            rep.put("source", SOURCE);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : List.of("pass", "fail", "warn", "error", "skip")) {
            counts.put(s, 0);
        }
        ArrayNode arr = NODES.arrayNode();
        for (ObjectNode r : results) {
            counts.merge(r.get("result").asText(), 1, Integer::sum);
            arr.add(r);
        }
        ObjectNode summary = rep.putObject("summary");
        counts.forEach(summary::put);
        rep.set("results", arr);
        return rep;
    }
}
