package dev.kubeward.checks.network;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A check over the whole reachability model. Its findings are computed once per scan (the engine
 * answers for all objects at once) and handed out as the scanner visits each object.
 */
abstract class ModelCheck implements Check {

    /** One finding, on the object it is about; a null severity means the check's own. */
    record Located(Resource resource, JsonPath path, Severity severity, String message) {}

    @Override
    public final void prepare(CheckContext context) {
        NetpolModel model = NetpolModel.of(context.inventory());
        if (model.hasWorkloads()) {
            NetpolModel.derived(context.inventory(), getClass(), m -> index(m, context.inventory()));
        }
    }

    @Override
    public final void check(Resource resource, CheckContext context, FindingSink sink) {
        NetpolModel model = NetpolModel.of(context.inventory());
        if (!model.hasWorkloads()) {
            return;
        }
        Map<Resource, List<Located>> byResource = NetpolModel.derived(context.inventory(), getClass(),
                m -> index(m, context.inventory()));
        for (Located f : byResource.getOrDefault(resource, List.of())) {
            if (f.severity() == null) {
                sink.report(f.path(), f.message());
            } else {
                sink.report(f.path(), f.severity(), f.message());
            }
        }
    }

    private Map<Resource, List<Located>> index(NetpolModel model, Inventory inventory) {
        Map<Resource, List<Located>> byResource = new IdentityHashMap<>();
        for (Located f : findings(model, inventory)) {
            if (skipsStaticPods() && isStaticPod(f.resource(), inventory)) {
                continue;
            }
            byResource.computeIfAbsent(f.resource(), r -> new ArrayList<>()).add(f);
        }
        return byResource;
    }

    /**
     * Whether the check's findings assume a pod the API server created, which NetworkPolicy
     * isolation does: static pods (run by the kubelet from its node's files, usually on the host
     * network) get no such findings.
     */
    protected boolean skipsStaticPods() {
        return false;
    }

    /** Whether the object is a static pod ({@link dev.kubeward.model.PodTemplate#isStatic}). */
    static boolean isStaticPod(Resource r, Inventory inventory) {
        return inventory.podTemplates(r).stream().anyMatch(PodTemplate::isStatic);
    }

    /** Every finding of the scan, for checks that also look at the inventory; only called when the input has workloads. */
    protected List<Located> findings(NetpolModel model, Inventory inventory) {
        return findings(model);
    }

    /** Every finding of the scan; only called when the input has workloads. */
    protected abstract List<Located> findings(NetpolModel model);
}
