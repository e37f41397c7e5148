package dev.kubeward.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {
    static GraphLayout.Node node(String id, String group) {
        return new GraphLayout.Node(id, id, group, "", id);
    }

    static GraphLayout.Edge edge(String a, String b) {
        return new GraphLayout.Edge(a, b, "", "");
    }

    static Map<String, GraphLayout.Box> boxes(GraphLayout.Result r) {
        Map<String, GraphLayout.Box> out = new HashMap<>();
        r.boxes().forEach(b -> out.put(b.node().id(), b));
        return out;
    }

    @Test
    void layersFollowTheLongestPathAndEveryEdgeGoesRight() {
        // a → b → c and a → c: c is two layers right of a, the long edge passes a dummy point.
        GraphLayout.Result r = GraphLayout.layout(List.of(node("a", null), node("b", null), node("c", null)),
                List.of(edge("a", "b"), edge("b", "c"), edge("a", "c")));
        Map<String, GraphLayout.Box> b = boxes(r);
        assertThat(b.get("a").layer()).isZero();
        assertThat(b.get("b").layer()).isEqualTo(1);
        assertThat(b.get("c").layer()).isEqualTo(2);
        for (GraphLayout.Route route : r.routes()) {
            List<double[]> p = route.points();
            assertThat(p.get(p.size() - 1)[0]).as("%s → %s", route.edge().from(), route.edge().to()).isGreaterThan(p.get(0)[0]);
        }
        assertThat(r.routes().stream().filter(x -> x.edge().to().equals("c") && x.edge().from().equals("a")).findFirst()
                .orElseThrow().points()).hasSize(4);
    }

    @Test
    void cyclesAreBrokenByReversingAnEdgeThatIsStillDrawnToItsTarget() {
        GraphLayout.Result r = GraphLayout.layout(List.of(node("a", null), node("b", null), node("c", null)),
                List.of(edge("a", "b"), edge("b", "c"), edge("c", "a")));
        assertThat(r.routes()).hasSize(3);
        assertThat(r.routes().stream().filter(GraphLayout.Route::reversed).count()).isEqualTo(1);
        GraphLayout.Route back = r.routes().stream().filter(GraphLayout.Route::reversed).findFirst().orElseThrow();
        Map<String, GraphLayout.Box> b = boxes(r);
        // The path ends at its own target, whichever way the layering runs.
        double[] end = back.points().get(back.points().size() - 1);
        GraphLayout.Box target = b.get(back.edge().to());
        assertThat(end[1]).isEqualTo(target.y() + target.height() / 2);
        assertThat(end[0]).isIn(target.x(), target.x() + target.width());
    }

    @Test
    void nodesNeverOverlapAndGroupsStayTogether() {
        List<GraphLayout.Node> nodes = new ArrayList<>();
        List<GraphLayout.Edge> edges = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            nodes.add(node("s" + i, "ns" + (i % 4)));
            nodes.add(node("t" + i, "ns" + ((i * 7) % 5)));
            edges.add(edge("s" + i, "t" + i));
            edges.add(edge("s" + i, "t" + ((i * 13) % 60)));
        }
        nodes.add(node("x", null));
        GraphLayout.Result r = GraphLayout.layout(nodes, edges);
        Map<Integer, List<GraphLayout.Box>> byLayer = new HashMap<>();
        r.boxes().forEach(b -> byLayer.computeIfAbsent(b.layer(), k -> new ArrayList<>()).add(b));
        for (List<GraphLayout.Box> layer : byLayer.values()) {
            layer.sort((a, c) -> Double.compare(a.y(), c.y()));
            List<String> groupsSeen = new ArrayList<>();
            for (int i = 0; i < layer.size(); i++) {
                if (i > 0) {
                    assertThat(layer.get(i).y()).isGreaterThanOrEqualTo(layer.get(i - 1).y() + GraphLayout.NODE_HEIGHT);
                }
                String g = layer.get(i).node().group();
                if (i > 0 && !java.util.Objects.equals(g, layer.get(i - 1).node().group())) {
                    assertThat(groupsSeen).as("group %s in one piece", g).doesNotContain(g);
                }
                groupsSeen.add(g);
            }
        }
        for (GraphLayout.Box b : r.boxes()) {
            assertThat(b.x() + b.width()).isLessThanOrEqualTo(r.width());
            assertThat(b.y() + b.height()).isLessThanOrEqualTo(r.height());
            assertThat(b.y()).isPositive();
        }
        // The same graph, the same drawing.
        assertThat(GraphLayout.layout(nodes, edges).boxes()).isEqualTo(r.boxes());
    }

    @Test
    void barycentreSweepsUntangleACrossing() {
        // a1→b2, a2→b1 drawn in label order would cross; the sweeps put b2 level with a1.
        GraphLayout.Result r = GraphLayout.layout(List.of(node("a1", null), node("a2", null), node("b1", null), node("b2", null)),
                List.of(edge("a1", "b2"), edge("a2", "b1")));
        Map<String, GraphLayout.Box> b = boxes(r);
        assertThat(Math.signum(b.get("a1").y() - b.get("a2").y())).isEqualTo(Math.signum(b.get("b2").y() - b.get("b1").y()));
    }

    @Test
    void unknownNodesAndDuplicatesAreProgrammingErrors() {
        assertThatThrownBy(() -> GraphLayout.layout(List.of(node("a", null)), List.of(edge("a", "b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown node");
        assertThatThrownBy(() -> GraphLayout.layout(List.of(node("a", null), node("a", null)), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(GraphLayout.layout(List.of(), List.of()).boxes()).isEmpty();
    }
}
