package dev.kubeward.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layered (Sugiyama) drawing of a directed graph, left to right, written in Java rather than
 * taken from a JavaScript library so that the page needs no script to show the graph and the
 * build needs no npm (docs/reports.md#graphs): cycles broken by reversing the back edges of a
 * depth-first search; layers by longest path from the sources; long edges cut by dummy points;
 * the order in each layer by barycentre sweeps, nodes of one group (a namespace) kept together;
 * then vertical positions pulled toward the median of the neighbours without overlap.
 *
 * <p>The layout is deterministic: the same graph gives the same drawing, whatever the order of a
 * hash map.
 */
final class GraphLayout {
    /** A node to place: {@code group} keeps nodes together in a layer (null: no group). */
    record Node(String id, String label, String group, String cssClass, String title) {}

    /** An edge to draw; {@code cssClass} is added to {@code edge} (spec: dashed). */
    record Edge(String from, String to, String label, String cssClass) {}

    /** A placed node: top-left corner, size. */
    record Box(Node node, double x, double y, double width, double height, int layer) {}

    /** A placed edge: the points it passes through, from the source's right side to the target's left. */
    record Route(Edge edge, List<double[]> points, boolean reversed) {}

    /** A group's band in one layer: the box around its consecutive nodes. */
    record Band(String group, double x, double y, double width, double height) {}

    record Result(List<Box> boxes, List<Route> routes, List<Band> bands, double width, double height) {}

    static final double NODE_HEIGHT = 26;
    static final double CHAR_WIDTH = 6.8;
    static final double V_GAP = 10;
    static final double GROUP_GAP = 30;
    static final double H_GAP = 120;
    static final double MARGIN = 20;
    static final int SWEEPS = 12;

    private GraphLayout() {}

    static double width(Node n) {
        return Math.max(60, n.label().length() * CHAR_WIDTH + 20);
    }

    static Result layout(List<Node> nodes, List<Edge> edges) {
        int n = nodes.size();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Node node : nodes) {
            if (index.putIfAbsent(node.id(), index.size()) != null) {
                throw new IllegalArgumentException("node " + node.id() + " twice");
            }
        }
        // The edges as index pairs, self-loops left out of the layering (drawn as nothing: a
        // workload reaching itself says nothing a reader needs drawn).
        List<int[]> pairs = new ArrayList<>();
        List<Edge> kept = new ArrayList<>();
        for (Edge e : edges) {
            Integer a = index.get(e.from());
            Integer b = index.get(e.to());
            if (a == null || b == null) {
                throw new IllegalArgumentException("edge " + e.from() + " -> " + e.to() + " names an unknown node");
            }
            if (!a.equals(b)) {
                pairs.add(new int[] {a, b});
                kept.add(e);
            }
        }
        boolean[] reversed = backEdges(n, pairs);
        List<List<Integer>> out = new ArrayList<>();
        List<List<Integer>> in = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
            in.add(new ArrayList<>());
        }
        for (int k = 0; k < pairs.size(); k++) {
            int a = reversed[k] ? pairs.get(k)[1] : pairs.get(k)[0];
            int b = reversed[k] ? pairs.get(k)[0] : pairs.get(k)[1];
            out.get(a).add(b);
            in.get(b).add(a);
        }
        int[] layer = layers(n, out, in);

        // Virtual graph: real nodes, then one dummy per layer an edge crosses.
        List<Integer> vLayer = new ArrayList<>();
        List<String> vGroup = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vLayer.add(layer[i]);
            vGroup.add(nodes.get(i).group());
        }
        List<List<Integer>> vOut = new ArrayList<>();
        List<List<Integer>> vIn = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vOut.add(new ArrayList<>());
            vIn.add(new ArrayList<>());
        }
        List<List<Integer>> chains = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            int a = reversed[k] ? pairs.get(k)[1] : pairs.get(k)[0];
            int b = reversed[k] ? pairs.get(k)[0] : pairs.get(k)[1];
            List<Integer> chain = new ArrayList<>();
            chain.add(a);
            int prev = a;
            for (int l = layer[a] + 1; l < layer[b]; l++) {
                int d = vLayer.size();
                vLayer.add(l);
                vGroup.add(null);
                vOut.add(new ArrayList<>());
                vIn.add(new ArrayList<>());
                vOut.get(prev).add(d);
                vIn.get(d).add(prev);
                chain.add(d);
                prev = d;
            }
            vOut.get(prev).add(b);
            vIn.get(b).add(prev);
            chain.add(b);
            chains.add(chain);
        }
        int layers = 0;
        for (int l : vLayer) {
            layers = Math.max(layers, l + 1);
        }
        List<List<Integer>> order = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            order.add(new ArrayList<>());
        }
        for (int v = 0; v < vLayer.size(); v++) {
            order.get(vLayer.get(v)).add(v);
        }
        // Initial order: by group, then label (dummies after, in creation order).
        for (List<Integer> row : order) {
            row.sort(Comparator.comparing((Integer v) -> vGroup.get(v) == null ? "\uffff" : vGroup.get(v))
                    .thenComparing(v -> v < n ? nodes.get(v).label() : "")
                    .thenComparingInt(v -> v));
        }
        double[] pos = new double[vLayer.size()];
        reindex(order, pos);
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean down = sweep % 2 == 0;
            for (int step = 1; step < layers; step++) {
                int l = down ? step : layers - 1 - step;
                List<List<Integer>> neighbours = down ? vIn : vOut;
                sortByBarycentre(order.get(l), neighbours, pos, vGroup);
                reindex(order, pos);
            }
        }

        // x by layer, from the widest node of each layer.
        double[] layerX = new double[layers];
        double[] layerW = new double[layers];
        for (int v = 0; v < n; v++) {
            layerW[layer[v]] = Math.max(layerW[layer[v]], width(nodes.get(v)));
        }
        double x = MARGIN;
        for (int l = 0; l < layers; l++) {
            layerX[l] = x;
            x += Math.max(layerW[l], 20) + H_GAP;
        }
        // y: stacked in order, groups apart; then pulled toward the neighbours' median.
        double[] y = new double[vLayer.size()];
        double[] h = new double[vLayer.size()];
        for (int v = 0; v < vLayer.size(); v++) {
            h[v] = v < n ? NODE_HEIGHT : 2;
        }
        for (List<Integer> row : order) {
            double cursor = MARGIN + GROUP_GAP;
            String group = null;
            for (int i = 0; i < row.size(); i++) {
                int v = row.get(i);
                if (i > 0 && !java.util.Objects.equals(group, vGroup.get(v))) {
                    cursor += GROUP_GAP;
                }
                group = vGroup.get(v);
                y[v] = cursor;
                cursor += h[v] + V_GAP;
            }
        }
        for (int pass = 0; pass < 6; pass++) {
            boolean down = pass % 2 == 0;
            for (int step = 0; step < layers; step++) {
                int l = down ? step : layers - 1 - step;
                List<Integer> row = order.get(l);
                double[] want = new double[row.size()];
                for (int i = 0; i < row.size(); i++) {
                    int v = row.get(i);
                    List<Integer> nb = new ArrayList<>(vIn.get(v));
                    nb.addAll(vOut.get(v));
                    if (nb.isEmpty()) {
                        want[i] = y[v];
                    } else {
                        double[] centres = nb.stream().mapToDouble(u -> y[u] + h[u] / 2).sorted().toArray();
                        double median = centres.length % 2 == 1 ? centres[centres.length / 2]
                                : (centres[centres.length / 2 - 1] + centres[centres.length / 2]) / 2;
                        want[i] = median - h[v] / 2;
                    }
                }
                // Place in order, each at least its gap below the previous, as near its wish as
                // that allows; then shift the whole row back up where it overshot.
                double cursor = MARGIN + GROUP_GAP;
                String group = null;
                for (int i = 0; i < row.size(); i++) {
                    int v = row.get(i);
                    double min = cursor + (i > 0 && !java.util.Objects.equals(group, vGroup.get(v)) ? GROUP_GAP : 0);
                    y[v] = Math.max(min, want[i]);
                    group = vGroup.get(v);
                    cursor = y[v] + h[v] + V_GAP;
                }
            }
        }
        double top = Double.MAX_VALUE;
        for (double v : y) {
            top = Math.min(top, v);
        }
        double shift = y.length == 0 ? 0 : MARGIN + GROUP_GAP - top;
        double height = 0;
        for (int v = 0; v < y.length; v++) {
            y[v] += shift;
            height = Math.max(height, y[v] + h[v]);
        }

        List<Box> boxes = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            boxes.add(new Box(nodes.get(v), layerX[layer[v]], y[v], width(nodes.get(v)), NODE_HEIGHT, layer[v]));
        }
        List<Route> routes = new ArrayList<>();
        for (int k = 0; k < chains.size(); k++) {
            List<Integer> chain = chains.get(k);
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                int v = chain.get(i);
                double cy = y[v] + h[v] / 2;
                if (v < n) {
                    double left = layerX[layer[v]];
                    double right = left + width(nodes.get(v));
                    points.add(new double[] {i == 0 ? right : left, cy});
                } else {
                    double lx = layerX[vLayer.get(v)];
                    points.add(new double[] {lx, cy});
                    points.add(new double[] {lx + Math.max(layerW[vLayer.get(v)], 20), cy});
                }
            }
            if (reversed[k]) {
                java.util.Collections.reverse(points);
            }
            routes.add(new Route(kept.get(k), points, reversed[k]));
        }
        List<Band> bands = new ArrayList<>();
        for (List<Integer> row : order) {
            int i = 0;
            while (i < row.size()) {
                int v = row.get(i);
                String group = vGroup.get(v);
                if (group == null || v >= n) {
                    i++;
                    continue;
                }
                double bandTop = y[v];
                double bandBottom = y[v] + h[v];
                double bandWidth = layerW[layer[v]];
                int j = i + 1;
                while (j < row.size() && group.equals(vGroup.get(row.get(j)))) {
                    bandBottom = Math.max(bandBottom, y[row.get(j)] + h[row.get(j)]);
                    j++;
                }
                bands.add(new Band(group, layerX[layer[v]] - 6, bandTop - 18, bandWidth + 12, bandBottom - bandTop + 24));
                i = j;
            }
        }
        return new Result(boxes, routes, bands, x - H_GAP + MARGIN, height + MARGIN + 6);
    }

    /** The edges a depth-first search in input order finds going back up its stack (iterative: no recursion limit). */
    static boolean[] backEdges(int n, List<int[]> pairs) {
        List<List<int[]>> adj = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
        }
        for (int k = 0; k < pairs.size(); k++) {
            adj.get(pairs.get(k)[0]).add(new int[] {pairs.get(k)[1], k});
        }
        boolean[] reversed = new boolean[pairs.size()];
        int[] state = new int[n]; // 0 new, 1 on stack, 2 done
        int[] next = new int[n];
        for (int root = 0; root < n; root++) {
            if (state[root] != 0) {
                continue;
            }
            Deque<Integer> stack = new ArrayDeque<>();
            stack.push(root);
            state[root] = 1;
            while (!stack.isEmpty()) {
                int v = stack.peek();
                if (next[v] < adj.get(v).size()) {
                    int[] e = adj.get(v).get(next[v]++);
                    if (state[e[0]] == 1) {
                        reversed[e[1]] = true;
                    } else if (state[e[0]] == 0) {
                        state[e[0]] = 1;
                        stack.push(e[0]);
                    }
                } else {
                    state[v] = 2;
                    stack.pop();
                }
            }
        }
        return reversed;
    }

    /** Longest path from the sources, in topological order (Kahn). */
    static int[] layers(int n, List<List<Integer>> out, List<List<Integer>> in) {
        int[] layer = new int[n];
        int[] remaining = new int[n];
        Deque<Integer> ready = new ArrayDeque<>();
        for (int v = 0; v < n; v++) {
            remaining[v] = in.get(v).size();
            if (remaining[v] == 0) {
                ready.add(v);
            }
        }
        while (!ready.isEmpty()) {
            int v = ready.poll();
            for (int w : out.get(v)) {
                layer[w] = Math.max(layer[w], layer[v] + 1);
                if (--remaining[w] == 0) {
                    ready.add(w);
                }
            }
        }
        return layer;
    }

    private static void reindex(List<List<Integer>> order, double[] pos) {
        for (List<Integer> row : order) {
            for (int i = 0; i < row.size(); i++) {
                pos[row.get(i)] = i;
            }
        }
    }

    /**
     * Each node at the mean position of its neighbours in the layer swept from (a node without
     * any keeps its place); a group sorts by the mean of its nodes, so it stays in one piece.
     */
    private static void sortByBarycentre(List<Integer> row, List<List<Integer>> neighbours, double[] pos,
            List<String> groups) {
        Map<Integer, Double> bary = new HashMap<>();
        for (int v : row) {
            List<Integer> nb = neighbours.get(v);
            bary.put(v, nb.isEmpty() ? pos[v] : nb.stream().mapToDouble(u -> pos[u]).average().orElse(pos[v]));
        }
        Map<String, double[]> groupSum = new HashMap<>();
        for (int v : row) {
            if (groups.get(v) != null) {
                double[] s = groupSum.computeIfAbsent(groups.get(v), k -> new double[2]);
                s[0] += bary.get(v);
                s[1]++;
            }
        }
        Integer[] sorted = row.toArray(new Integer[0]);
        Arrays.sort(sorted, Comparator.comparingDouble((Integer v) -> groups.get(v) == null ? bary.get(v)
                        : groupSum.get(groups.get(v))[0] / groupSum.get(groups.get(v))[1])
                .thenComparing(v -> groups.get(v) == null ? "" : groups.get(v))
                .thenComparingDouble(bary::get)
                .thenComparingDouble(v -> pos[v]));
        row.clear();
        row.addAll(Arrays.asList(sorted));
    }
}
