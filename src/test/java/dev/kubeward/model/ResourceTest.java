package dev.kubeward.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceTest {
    @ParameterizedTest(name = "{0} {1} in {2}: {3}")
    @CsvSource(nullValues = "null", value = {
        "v1, Pod, shop, shop",
        "v1, Pod, null, default",
        "v1, Pod, '', default",
        "apps/v1, Deployment, null, default",
        "example.com/v1, Widget, null, default",
        "v1, Namespace, null, null",
        "v1, Node, null, null",
        "rbac.authorization.k8s.io/v1, ClusterRole, null, null",
        "rbac.authorization.k8s.io/v1, Role, null, default",
    })
    void effectiveNamespace(String apiVersion, String kind, String namespace, String expected) {
        Resource r = new Resource(apiVersion, kind, namespace, "x", JsonNodeFactory.instance.objectNode(),
                new Origin("x.yaml", 0, null), List.of());
        assertThat(r.effectiveNamespace()).isEqualTo(expected);
    }
}
