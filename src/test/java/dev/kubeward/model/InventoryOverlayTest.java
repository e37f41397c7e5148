package dev.kubeward.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Inventory#over}: an admission request's object over the cluster cache. */
class InventoryOverlayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Resource r(String kind, String namespace, String name, String marker) {
        ObjectNode o = JSON.createObjectNode().put("apiVersion", "v1").put("kind", kind);
        ObjectNode md = o.putObject("metadata").put("name", name);
        if (namespace != null) {
            md.put("namespace", namespace);
        }
        o.put("marker", marker);
        return new Resource("v1", kind, namespace, name, o, new Origin("t", 0, null), List.of());
    }

    @Test
    void lookupsSeeBothAndTheTopObjectHidesTheContextsOfTheSameName() {
        Resource cachedShop = r("Namespace", null, "shop", "cached");
        Resource cachedOther = r("Namespace", null, "other", "cached");
        Resource sa = r("ServiceAccount", "shop", "web", "cached");
        Inventory cluster = new Inventory(List.of(cachedShop, cachedOther, sa));
        Resource updatedShop = r("Namespace", null, "shop", "request");
        Resource pod = r("Pod", "shop", "p", "request");

        Inventory over = Inventory.over(cluster, List.of(updatedShop, pod), WorkloadKinds.BUILT_IN);

        assertThat(over.find("Namespace", null, "shop")).containsSame(updatedShop);
        assertThat(over.find("Namespace", null, "other")).containsSame(cachedOther);
        assertThat(over.find("ServiceAccount", "shop", "web")).containsSame(sa);
        assertThat(over.find("ServiceAccount", "shop", "nope")).isEmpty();
        assertThat(over.ofKind("Namespace")).containsExactly(updatedShop, cachedOther);
        assertThat(over.ofKind("ServiceAccount")).containsExactly(sa);
        assertThat(over.ofKind("Pod")).containsExactly(pod);
        assertThat(over.ofKind("LimitRange")).isEmpty();
        assertThat(over.all()).containsExactly(updatedShop, pod, cachedOther, sa);
        // The context is unchanged.
        assertThat(cluster.find("Namespace", null, "shop")).containsSame(cachedShop);
        assertThat(cluster.all()).containsExactly(cachedShop, cachedOther, sa);
        assertThat(cluster.ofKind("Pod")).isEmpty();
    }

    @Test
    void derivedValuesAreTheOverlaysOwn() {
        Inventory cluster = new Inventory(List.of(r("Namespace", null, "shop", "cached")));
        assertThat(cluster.<Integer>derived("count", inv -> inv.all().size())).isEqualTo(1);
        Inventory over = Inventory.over(cluster, List.of(r("Pod", "shop", "p", "request")), WorkloadKinds.BUILT_IN);
        assertThat(over.<Integer>derived("count", inv -> inv.all().size())).isEqualTo(2);
        assertThat(cluster.<Integer>derived("count", inv -> -1)).isEqualTo(1);
    }
}
