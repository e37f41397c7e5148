package dev.kubeward.policy.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.cel.CelAuthorizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The namespaces a context assumes: listed for the door's note, and bounded for a server that runs for weeks. */
class InventoryContextTest {

    private static InventoryContext empty() {
        List<Resource> none = List.of();
        return new InventoryContext(none, new ResourceMapping(none), CelAuthorizer.DENY_ALL);
    }

    private static void assertAssumed(JsonNode ns, String name) {
        assertThat(ns.path("kind").asText()).isEqualTo("Namespace");
        assertThat(ns.path("metadata").path("name").asText()).isEqualTo(name);
        assertThat(ns.path("metadata").path("labels").path(InventoryContext.NAME_LABEL).asText()).isEqualTo(name);
        assertThat(ns.path("metadata").path("labels").size()).isEqualTo(1);
    }

    @Test
    void namespacesNotInTheInputAreAssumedAndListedOnce() {
        InventoryContext ctx = empty();
        assertAssumed(ctx.namespace("shop").orElseThrow(), "shop");
        assertAssumed(ctx.namespace("blog").orElseThrow(), "blog");
        assertAssumed(ctx.namespace("shop").orElseThrow(), "shop");
        assertThat(ctx.assumedNamespaces()).containsExactly("blog", "shop");
        assertThat(ctx.assumedNamespacesTruncated()).isFalse();
    }

    @Test
    void hostileManyNamespacesAreBoundedAndStillAnswered() {
        InventoryContext ctx = empty();
        int asked = InventoryContext.MAX_REMEMBERED * 5;
        for (int i = 0; i < asked; i++) {
            assertAssumed(ctx.namespace("ns-" + i).orElseThrow(), "ns-" + i);
        }
        assertThat(ctx.assumedNamespaces()).hasSize(InventoryContext.MAX_REMEMBERED);
        assertThat(ctx.assumedNamespaces()).contains("ns-0", "ns-" + (InventoryContext.MAX_REMEMBERED - 1))
                .doesNotContain("ns-" + InventoryContext.MAX_REMEMBERED);
        assertThat(ctx.assumedNamespacesTruncated()).isTrue();
        // past the bound the answer is the same object, built anew
        assertAssumed(ctx.namespace("ns-" + (asked - 1)).orElseThrow(), "ns-" + (asked - 1));
        assertThat(ctx.assumedNamespaces()).hasSize(InventoryContext.MAX_REMEMBERED);
    }
}
