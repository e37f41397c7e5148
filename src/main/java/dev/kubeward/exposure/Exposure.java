package dev.kubeward.exposure;

import dev.kubeward.model.Container;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.util.List;

/**
 * How one container of one workload is deployed: the {@link Reason}s that make a vulnerability of its
 * image count for more. {@code imagePath} is the container's {@code image} field, where a finding about
 * the image points.
 */
public record Exposure(Resource workload, Container container, JsonPath imagePath, List<Reason> reasons) {
    public Exposure {
        reasons = List.copyOf(reasons);
    }

    /** The points of every reason: network reach counts once, by its strongest factor. */
    public int points() {
        return reasons.stream().mapToInt(r -> r.factor().points()).sum();
    }

    /** {@code Kind namespace/name}, how messages name the workload. */
    public String describe() {
        return workload.displayName() + " " + container.describe();
    }
}
