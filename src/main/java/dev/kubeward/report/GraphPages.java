package dev.kubeward.report;

import dev.kubeward.netpol.Connection;
import dev.kubeward.netpol.IpRange;
import dev.kubeward.rbac.EscalationPath;
import dev.kubeward.rbac.EscalationStep;
import dev.kubeward.rbac.Via;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The graph pages of {@code rbac paths --format html} and {@code netpol reach --format html}: the
 * engines' results drawn by {@link GraphLayout} as inline SVG, grouped by namespace, with what is
 * identical collapsed into one node, and the same facts as a table below for reading without the
 * drawing.
 */
public final class GraphPages {
    /** Beyond this many nodes or edges after collapsing, the reachability is drawn between namespaces. */
    static final int MAX_NODES = 400;
    static final int MAX_EDGES = 3000;
    /** Edge labels are written on the drawing up to this many edges; beyond, on hover only. */
    static final int LABELLED_EDGES = 150;
    static final String CLUSTER_ADMIN = "cluster-admin";
    static final String USERS_AND_GROUPS = "users and groups";
    static final String OUTSIDE = "outside the cluster";

    private GraphPages() {}

    // ------------------------------------------------------------------ RBAC escalation paths

    /** {@code rbac paths -f html}: subject → step → cluster-admin power. */
    public static void rbacPaths(String toolVersion, List<EscalationPath> paths, int leftOut, Writer out) throws IOException {
        Map<String, GraphLayout.Node> nodes = new LinkedHashMap<>();
        Map<String, GraphLayout.Edge> edges = new LinkedHashMap<>();
        Set<String> subjects = new LinkedHashSet<>();
        for (EscalationPath p : paths) {
            subjects.add(p.subject().toString());
            for (EscalationStep s : p.steps()) {
                String key = s.from() + "\u0000" + s.to() + "\u0000" + s.action();
                GraphLayout.Edge prior = edges.get(key);
                if (prior == null || (prior.cssClass().equals("spec") && !s.speculative())) {
                    edges.put(key, new GraphLayout.Edge(s.from(), s.to(), s.action(), s.speculative() ? "spec" : ""));
                }
                nodes.putIfAbsent(s.from(), identityNode(s.from()));
                nodes.putIfAbsent(s.to(), identityNode(s.to()));
            }
        }
        Collapsed c = collapseSources(new ArrayList<>(nodes.values()), new ArrayList<>(edges.values()), subjects);
        int speculative = (int) paths.stream().filter(EscalationPath::speculative).count();
        Html.open(out, "kubeward RBAC escalation paths", "kubeward " + toolVersion + " · " + paths.size()
                + (paths.size() == 1 ? " subject reaches " : " subjects reach ") + "cluster-admin power"
                + (speculative > 0 ? " (" + speculative + " only if an assumption holds)" : ""));
        out.write("<section><h2>Escalation paths</h2>\n<p class=\"summary\" data-summary=\"paths\">" + paths.size()
                + (paths.size() == 1 ? " subject" : " subjects") + " can reach cluster-admin"
                + (leftOut > 0 ? " (" + leftOut + " stock system: subject(s) left out; --include-system shows them)" : "")
                + "</p>\n");
        out.write("<p class=\"legend muted\"><span>boxes: subjects and the identities a step makes them</span>"
                + "<span>red border: cluster-admin power</span><span>dashed edge: speculative (assumes what the input "
                + "does not show)</span><span>subjects with the same steps are one box</span></p>\n");
        graph(out, c.nodes(), c.edges());
        out.write("<h3>Step by step</h3>\n<table class=\"paths\"><thead><tr><th>subject</th><th>#</th><th>step</th>"
                + "<th>via</th><th>assumes</th></tr></thead><tbody>");
        for (EscalationPath p : paths) {
            for (int i = 0; i < p.steps().size(); i++) {
                EscalationStep s = p.steps().get(i);
                out.write("<tr" + (s.speculative() ? " class=\"spec\"" : "") + "><td>" + (i == 0 ? Html.esc(p.subject().toString()) : "")
                        + "</td><td class=\"n\">" + (i + 1) + "</td><td>" + Html.esc(s.from()) + " → <b>" + Html.esc(s.action())
                        + "</b> → " + Html.esc(s.to()) + "</td><td>");
                for (Via v : s.evidence()) {
                    out.write("<div><code>" + Html.esc(v.toString()) + "</code></div>");
                }
                out.write("</td><td>" + Html.esc(String.join("; ", s.assumptions())) + "</td></tr>");
            }
        }
        out.write("</tbody></table>\n</section>\n");
        Html.close(out, null);
    }

    /** An identity of a path: its namespace for ServiceAccounts, users and groups together, cluster-admin apart. */
    static GraphLayout.Node identityNode(String id) {
        if (id.equals(CLUSTER_ADMIN)) {
            return new GraphLayout.Node(id, id, null, "target", "cluster-admin-equivalent power");
        }
        String group = USERS_AND_GROUPS;
        if (id.startsWith("ServiceAccount ") && id.indexOf('/') > 0) {
            group = "namespace " + id.substring("ServiceAccount ".length(), id.indexOf('/'));
        } else if (!id.startsWith("User ") && !id.startsWith("Group ")) {
            group = null;
        }
        return new GraphLayout.Node(id, id, group, "", id);
    }

    record Collapsed(List<GraphLayout.Node> nodes, List<GraphLayout.Edge> edges) {}

    /**
     * The subjects of one group with the very same outgoing edges (target, label, style) and no
     * incoming ones become one node, labelled with their number and named in its tooltip.
     */
    static Collapsed collapseSources(List<GraphLayout.Node> nodes, List<GraphLayout.Edge> edges, Set<String> subjects) {
        Set<String> hasIn = new java.util.HashSet<>();
        Map<String, TreeSet<String>> outSig = new HashMap<>();
        for (GraphLayout.Edge e : edges) {
            hasIn.add(e.to());
            outSig.computeIfAbsent(e.from(), k -> new TreeSet<>()).add(e.to() + "\u0000" + e.label() + "\u0000" + e.cssClass());
        }
        Map<String, List<GraphLayout.Node>> classes = new LinkedHashMap<>();
        Map<String, String> rename = new HashMap<>();
        for (GraphLayout.Node n : nodes) {
            if (subjects.contains(n.id()) && !hasIn.contains(n.id()) && outSig.containsKey(n.id())) {
                classes.computeIfAbsent(n.group() + "\u0001" + String.join("\u0001", outSig.get(n.id())), k -> new ArrayList<>()).add(n);
            }
        }
        List<GraphLayout.Node> outNodes = new ArrayList<>();
        Set<String> merged = new java.util.HashSet<>();
        for (List<GraphLayout.Node> members : classes.values()) {
            if (members.size() < 2) {
                continue;
            }
            String id = "collapsed:" + members.get(0).id();
            List<String> names = members.stream().map(GraphLayout.Node::id).toList();
            outNodes.add(new GraphLayout.Node(id, members.size() + " subjects: " + shortList(names), members.get(0).group(),
                    "collapsed", String.join("\n", names)));
            for (GraphLayout.Node m : members) {
                rename.put(m.id(), id);
                merged.add(m.id());
            }
        }
        for (GraphLayout.Node n : nodes) {
            if (!merged.contains(n.id())) {
                outNodes.add(n);
            }
        }
        Map<String, GraphLayout.Edge> outEdges = new LinkedHashMap<>();
        for (GraphLayout.Edge e : edges) {
            GraphLayout.Edge r = new GraphLayout.Edge(rename.getOrDefault(e.from(), e.from()), rename.getOrDefault(e.to(), e.to()),
                    e.label(), e.cssClass());
            outEdges.putIfAbsent(r.from() + "\u0000" + r.to() + "\u0000" + r.label() + "\u0000" + r.cssClass(), r);
        }
        return new Collapsed(outNodes, new ArrayList<>(outEdges.values()));
    }

    static String shortList(List<String> names) {
        String first = names.get(0).replaceFirst("^(ServiceAccount|User|Group) ", "");
        return names.size() == 1 ? first : first + " …";
    }

    // ------------------------------------------------------------------ NetworkPolicy reachability

    /** {@code netpol reach -f html}: who may connect to whom, by namespace, with what the internet reaches marked. */
    public static void reach(String toolVersion, List<Connection> connections, List<String> workloadIds, Writer out)
            throws IOException {
        Set<String> endpoints = new TreeSet<>(workloadIds);
        for (Connection c : connections) {
            endpoints.add(c.src());
            endpoints.add(c.dst());
        }
        Set<String> exposed = new TreeSet<>();
        for (Connection c : connections) {
            if (Connection.isExternal(c.src()) && isPublic(c.src())) {
                exposed.add(c.dst());
            }
        }
        // Classes of identical endpoints: same namespace (or outside), same peers with the same ports.
        Map<String, Integer> cls = refine(endpoints, connections, exposed);
        Map<Integer, List<String>> members = new TreeMap<>();
        for (String e : endpoints) {
            members.computeIfAbsent(cls.get(e), k -> new ArrayList<>()).add(e);
        }
        Map<String, Set<String>> edgeLabels = new LinkedHashMap<>();
        for (Connection c : connections) {
            int a = cls.get(c.src());
            int b = cls.get(c.dst());
            edgeLabels.computeIfAbsent(a + ">" + b, k -> new TreeSet<>()).add(c.conns().toString());
        }
        boolean byNamespace = members.size() > MAX_NODES || edgeLabels.size() > MAX_EDGES;
        List<GraphLayout.Node> nodes = new ArrayList<>();
        List<GraphLayout.Edge> edges = new ArrayList<>();
        if (byNamespace) {
            Map<String, Set<String>> nsEdges = new TreeMap<>();
            Set<String> nsNodes = new TreeSet<>();
            Set<String> nsExposed = new TreeSet<>();
            for (String e : endpoints) {
                nsNodes.add(area(e));
                if (exposed.contains(e)) {
                    nsExposed.add(area(e));
                }
            }
            for (Connection c : connections) {
                nsEdges.computeIfAbsent(area(c.src()) + "\u0000" + area(c.dst()), k -> new TreeSet<>()).add(c.conns().toString());
            }
            for (String ns : nsNodes) {
                boolean outside = ns.equals(OUTSIDE);
                nodes.add(new GraphLayout.Node(ns, (nsExposed.contains(ns) ? "⚠ " : "") + ns, null,
                        outside ? "internet" : nsExposed.contains(ns) ? "exposed" : "", ns));
            }
            for (Map.Entry<String, Set<String>> e : nsEdges.entrySet()) {
                String[] ab = e.getKey().split("\u0000", 2);
                edges.add(new GraphLayout.Edge(ab[0], ab[1], label(e.getValue()), ""));
            }
        } else {
            for (Map.Entry<Integer, List<String>> m : members.entrySet()) {
                List<String> list = m.getValue();
                String first = list.get(0);
                boolean isExposed = exposed.contains(first);
                String name = Connection.namespaceOf(first) == null ? first : first.substring(first.indexOf('/') + 1);
                String label = (isExposed ? "⚠ " : "") + (list.size() == 1 ? name : list.size() + "× " + name + " …");
                String css = Connection.isExternal(first) ? (isPublic(first) ? "internet" : "external")
                        : isExposed ? "exposed" : "";
                nodes.add(new GraphLayout.Node("c" + m.getKey(), label, area(first), css, String.join("\n", list)
                        + (isExposed ? "\nreachable from the internet" : "")));
            }
            for (Map.Entry<String, Set<String>> e : edgeLabels.entrySet()) {
                String[] ab = e.getKey().split(">", 2);
                edges.add(new GraphLayout.Edge("c" + ab[0], "c" + ab[1], label(e.getValue()), ""));
            }
        }
        edges = mergeOpposite(edges);
        Html.open(out, "kubeward NetworkPolicy reachability", "kubeward " + toolVersion + " · " + connections.size()
                + (connections.size() == 1 ? " allowed connection" : " allowed connections") + " · " + exposed.size()
                + " reachable from the internet");
        out.write("<section><h2>Reachability</h2>\n<p data-summary=\"connections\">" + connections.size()
                + (connections.size() == 1 ? " allowed connection" : " allowed connections") + " between "
                + endpoints.size() + " endpoints"
                + (byNamespace ? "; drawn between namespaces (" + members.size() + " distinct endpoints are too many to draw one by one)"
                        : "; " + members.size() + " boxes after identical endpoints are collapsed") + ".</p>\n");
        out.write("<p class=\"legend muted\"><span>boxes in a shaded band: one namespace</span><span>⚠ orange border: "
                + "reachable from the internet</span><span>red dashed: public address ranges</span><span>N× : endpoints "
                + "with the same connections, collapsed (hover for the names)</span></p>\n");
        graph(out, nodes, edges);
        out.write("<h3>Reachable from the internet</h3>\n");
        if (exposed.isEmpty()) {
            out.write("<p class=\"muted\">Nothing: no allowed connection from a public address range.</p>\n");
        } else {
            out.write("<ul class=\"exposed\">");
            for (String e : exposed) {
                out.write("<li>" + Html.esc(e) + "</li>");
            }
            out.write("</ul>\n");
        }
        out.write("<h3>Connections</h3>\n<table class=\"conns\"><thead><tr><th>source</th><th>destination</th>"
                + "<th>ports</th></tr></thead><tbody>");
        int listed = 0;
        for (Connection c : connections) {
            if (listed++ == 5000) {
                break;
            }
            out.write("<tr><td>" + Html.esc(c.src()) + "</td><td>" + Html.esc(c.dst()) + "</td><td>"
                    + Html.esc(c.conns().toString()) + "</td></tr>");
        }
        out.write("</tbody></table>\n");
        if (connections.size() > 5000) {
            out.write("<p class=\"muted\">The first 5000 of " + connections.size()
                    + " connections; --format text or json lists them all.</p>\n");
        }
        out.write("</section>\n");
        Html.close(out, null);
    }

    /**
     * A → B and B → A with the same ports become one edge with an arrow at each end ({@code both}):
     * in a namespace without policies every pair is allowed both ways, and half the lines say it.
     */
    static List<GraphLayout.Edge> mergeOpposite(List<GraphLayout.Edge> edges) {
        Map<String, GraphLayout.Edge> byKey = new LinkedHashMap<>();
        for (GraphLayout.Edge e : edges) {
            byKey.put(e.from() + "\u0000" + e.to() + "\u0000" + e.label(), e);
        }
        List<GraphLayout.Edge> out = new ArrayList<>();
        Set<String> done = new java.util.HashSet<>();
        for (GraphLayout.Edge e : edges) {
            String key = e.from() + "\u0000" + e.to() + "\u0000" + e.label();
            String back = e.to() + "\u0000" + e.from() + "\u0000" + e.label();
            if (done.contains(key)) {
                continue;
            }
            if (!e.from().equals(e.to()) && byKey.containsKey(back)) {
                out.add(new GraphLayout.Edge(e.from(), e.to(), e.label(), (e.cssClass() + " both").strip()));
                done.add(back);
            } else {
                out.add(e);
            }
            done.add(key);
        }
        return out;
    }

    private static String label(Set<String> conns) {
        String s = String.join("; ", conns);
        return s.length() > 40 ? s.substring(0, 39) + "…" : s;
    }

    /** The namespace of an endpoint, or {@link #OUTSIDE} for address ranges and the ingress controller. */
    static String area(String endpoint) {
        String ns = Connection.namespaceOf(endpoint);
        return ns == null ? OUTSIDE : "namespace " + ns;
    }

    private static final List<IpRange> NOT_PUBLIC = java.util.stream.Stream.of("10.0.0.0/8", "172.16.0.0/12",
            "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10", "0.0.0.0/8", "fc00::/7", "fe80::/10",
            "::1/128").map(IpRange::parseCidr).toList();

    /** An external range with an address outside the private, loopback, link-local and shared ranges. */
    public static boolean isPublic(String externalEndpoint) {
        String range = externalEndpoint.substring(0, externalEndpoint.length() - Connection.EXTERNAL_SUFFIX.length());
        int dash = range.indexOf('-');
        if (dash < 0) {
            return true;
        }
        IpRange r;
        try {
            IpRange first = IpRange.parseAddress(range.substring(0, dash));
            IpRange last = IpRange.parseAddress(range.substring(dash + 1));
            r = new IpRange(first.family(), first.first(), last.last());
        } catch (IllegalArgumentException e) {
            return true;
        }
        for (IpRange p : NOT_PUBLIC) {
            if (p.contains(r)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Partition refinement: endpoints start in classes by area, kind (workload, address range,
     * ingress controller) and exposure, and a class is split until every member has the same
     * connections to the same classes. The result is the coarsest such partition: what a reader
     * cannot tell apart by its connections is one box.
     */
    static Map<String, Integer> refine(Set<String> endpoints, List<Connection> connections, Set<String> exposed) {
        Map<String, List<String[]>> adj = new HashMap<>();
        for (Connection c : connections) {
            String conns = c.conns().toString();
            adj.computeIfAbsent(c.src(), k -> new ArrayList<>()).add(new String[] {"o", c.dst(), conns});
            adj.computeIfAbsent(c.dst(), k -> new ArrayList<>()).add(new String[] {"i", c.src(), conns});
        }
        Map<String, Integer> cls = new HashMap<>();
        Map<String, Integer> ids = new HashMap<>();
        for (String e : endpoints) {
            String kind = Connection.isExternal(e) ? (isPublic(e) ? "internet" : "external")
                    : e.equals(Connection.INGRESS_CONTROLLER) ? "ingress" : "workload";
            String key = area(e) + "\u0000" + kind + "\u0000" + exposed.contains(e)
                    + (e.equals(Connection.INGRESS_CONTROLLER) ? "\u0000" + e : "");
            cls.put(e, ids.computeIfAbsent(key, k -> ids.size()));
        }
        int count = ids.size();
        while (true) {
            Map<String, Integer> nextIds = new HashMap<>();
            Map<String, Integer> next = new HashMap<>();
            for (String e : endpoints) {
                TreeSet<String> sig = new TreeSet<>();
                for (String[] a : adj.getOrDefault(e, List.of())) {
                    sig.add(a[0] + (a[1].equals(e) ? "self" : String.valueOf(cls.get(a[1]))) + ":" + a[2]);
                }
                String key = cls.get(e) + "\u0000" + String.join("\u0001", sig);
                next.put(e, nextIds.computeIfAbsent(key, k -> nextIds.size()));
            }
            cls = next;
            if (nextIds.size() == count) {
                break;
            }
            count = nextIds.size();
        }
        // Number the classes in the order of their first endpoint, so that the drawing is stable.
        Map<Integer, Integer> renumber = new HashMap<>();
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String e : endpoints) {
            out.put(e, renumber.computeIfAbsent(cls.get(e), k -> renumber.size()));
        }
        return out;
    }

    // ------------------------------------------------------------------ drawing

    /** The laid-out graph as inline SVG, with its search and zoom tools (shown when the script runs). */
    static void graph(Writer out, List<GraphLayout.Node> nodes, List<GraphLayout.Edge> edges) throws IOException {
        GraphLayout.Result r = GraphLayout.layout(nodes, edges);
        out.write("<div class=\"graph-tools js-only\" hidden><input id=\"gq\" type=\"search\" placeholder=\"find a node\" "
                + "aria-label=\"find a node\"> <button id=\"zin\" type=\"button\">+</button> <button id=\"zout\" type=\"button\">−</button> "
                + "<span id=\"gcount\"></span></div>\n");
        int w = (int) Math.ceil(Math.max(200, r.width()));
        int h = (int) Math.ceil(Math.max(80, r.height()));
        out.write("<div class=\"graph-wrap\"><svg class=\"graph\" role=\"img\" data-nodes=\"" + nodes.size() + "\" data-edges=\""
                + r.routes().size() + "\" viewBox=\"0 0 " + w + " " + h + "\" width=\"" + w + "\" height=\"" + h + "\">"
                + "<title>" + nodes.size() + " nodes, " + r.routes().size() + " edges</title>"
                + "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                + "orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\"/></marker></defs>\n");
        for (GraphLayout.Band b : r.bands()) {
            out.write("<g><rect class=\"grp\" x=\"" + f(b.x()) + "\" y=\"" + f(b.y()) + "\" width=\"" + f(b.width())
                    + "\" height=\"" + f(b.height()) + "\" rx=\"6\"/><text class=\"grp-label\" x=\"" + f(b.x() + 6) + "\" y=\""
                    + f(b.y() + 13) + "\">" + Html.esc(b.group()) + "</text></g>");
        }
        boolean labels = r.routes().size() <= LABELLED_EDGES;
        for (GraphLayout.Route route : r.routes()) {
            GraphLayout.Edge e = route.edge();
            out.write("<path class=\"edge" + (e.cssClass().isEmpty() ? "" : " " + Html.esc(e.cssClass())) + "\" data-from=\""
                    + Html.esc(e.from()) + "\" data-to=\"" + Html.esc(e.to()) + "\" d=\"" + path(route.points())
                    + "\" marker-end=\"url(#arrow)\"" + (e.cssClass().contains("both") ? " marker-start=\"url(#arrow)\"" : "")
                    + "><title>" + Html.esc(e.label()) + "</title></path>");
            if (labels && !e.label().isEmpty()) {
                // On the first stretch, cut to what fits between two layers; the tooltip has it all.
                double[] a = route.points().get(0);
                double[] b = route.points().get(1);
                int fits = (int) ((GraphLayout.H_GAP - 8) / 5.6);
                String text = e.label().length() > fits ? e.label().substring(0, fits - 1) + "…" : e.label();
                out.write("<text class=\"elabel\" x=\"" + f((a[0] + b[0]) / 2) + "\" y=\"" + f((a[1] + b[1]) / 2 - 3)
                        + "\" text-anchor=\"middle\">" + Html.esc(text) + "</text>");
            }
        }
        out.write("\n");
        for (GraphLayout.Box b : r.boxes()) {
            GraphLayout.Node n = b.node();
            out.write("<g class=\"node" + (n.cssClass().isEmpty() ? "" : " " + Html.esc(n.cssClass())) + "\" data-id=\""
                    + Html.esc(n.id()) + "\"><title>" + Html.esc(n.title()) + "</title><rect x=\"" + f(b.x()) + "\" y=\""
                    + f(b.y()) + "\" width=\"" + f(b.width()) + "\" height=\"" + f(b.height()) + "\" rx=\"4\"/><text x=\""
                    + f(b.x() + 10) + "\" y=\"" + f(b.y() + 17) + "\">" + Html.esc(n.label()) + "</text></g>");
        }
        out.write("</svg></div>\n");
    }

    /** Straight through one point, a smooth curve between layers. */
    private static String path(List<double[]> points) {
        StringBuilder d = new StringBuilder("M").append(f(points.get(0)[0])).append(',').append(f(points.get(0)[1]));
        for (int i = 1; i < points.size(); i++) {
            double[] a = points.get(i - 1);
            double[] b = points.get(i);
            if (a[1] == b[1]) {
                d.append(" L").append(f(b[0])).append(',').append(f(b[1]));
            } else {
                double mx = (a[0] + b[0]) / 2;
                d.append(" C").append(f(mx)).append(',').append(f(a[1])).append(' ').append(f(mx)).append(',')
                        .append(f(b[1])).append(' ').append(f(b[0])).append(',').append(f(b[1]));
            }
        }
        return d.toString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
