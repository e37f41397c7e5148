package dev.kubeward.source.cluster;

import dev.kubeward.model.CoverageGap;
import dev.kubeward.model.Resource;
import java.util.List;
import java.util.Map;

/**
 * What one read of a cluster produced.
 *
 * @param sourceName {@code cluster:CONTEXT}
 * @param resources every object read, top-level first: Pods and ReplicaSets, Jobs whose controller
 *     was read too are left out (they are copies of its template)
 * @param gaps the kinds that could not be read, and why
 * @param serverVersion the API server's {@code gitVersion} ({@code v1.33.4}), null when not known
 * @param counts objects read per resource ({@code deployments.apps}), before owned copies were dropped
 * @param ownedCopies how many owned Pods, ReplicaSets and Jobs were dropped
 * @param requests list requests sent (pages, restarts and retries included)
 */
public record ClusterSnapshot(String sourceName, List<Resource> resources, List<CoverageGap> gaps, String serverVersion,
        Map<String, Integer> counts, int ownedCopies, int requests) {
    public ClusterSnapshot {
        resources = List.copyOf(resources);
        gaps = List.copyOf(gaps);
        counts = Map.copyOf(counts);
    }

    /** The version as {@code --kubernetes-version} takes it: {@code v1.30.2-eks-1234} → {@code v1.30.2}. */
    public String kubernetesVersion() {
        if (serverVersion == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?").matcher(serverVersion);
        if (!m.find()) {
            return null;
        }
        return "v" + m.group(1) + "." + m.group(2) + (m.group(3) == null ? "" : "." + m.group(3));
    }
}
