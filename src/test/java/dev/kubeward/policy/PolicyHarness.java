package dev.kubeward.policy;

import dev.kubeward.model.Resource;
import dev.kubeward.policy.offline.InventoryContext;
import dev.kubeward.policy.offline.PolicyInput;
import dev.kubeward.policy.offline.RbacAuthorizer;
import dev.kubeward.policy.offline.Requests;
import dev.kubeward.policy.offline.ResourceMapping;
import dev.kubeward.policy.cel.CelVersion;
import dev.kubeward.rbac.RbacModel;
import dev.kubeward.rbac.RbacObject;
import dev.kubeward.rbac.RbacParser;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.util.ArrayList;
import java.util.List;

/** Loads policies and objects from YAML text and admits one of the objects, for the engine's table tests. */
final class PolicyHarness {
    final List<Resource> resources;
    final PolicyInput input;
    final InventoryContext context;
    final ResourceMapping mapping;

    PolicyHarness(String yaml) {
        this(yaml, CelVersion.NEWEST);
    }

    PolicyHarness(String yaml, CelVersion version) {
        LoadResult loaded = new ManifestLoader().loadText("test.yaml", yaml);
        if (!loaded.errors().isEmpty()) {
            throw new IllegalArgumentException(loaded.errors().toString());
        }
        resources = loaded.resources();
        input = new PolicyInput(resources, version);
        mapping = new ResourceMapping(resources);
        List<RbacObject> rbac = new ArrayList<>();
        RbacParser parser = new RbacParser();
        for (Resource r : resources) {
            if (r.group().equals("rbac.authorization.k8s.io")) {
                rbac.addAll(parser.parse(r.object(), r).objects());
            }
        }
        context = new InventoryContext(resources, mapping, new RbacAuthorizer(RbacModel.build(rbac)));
    }

    Resource find(String kind, String name) {
        for (Resource r : resources) {
            if (r.kind().equals(kind) && name.equals(r.name())) {
                return r;
            }
        }
        throw new IllegalArgumentException("no " + kind + " " + name);
    }

    AdmissionResult create(String kind, String name) {
        return admit("CREATE", find(kind, name), null, Requests.DEFAULT_USER);
    }

    AdmissionResult admit(String op, Resource object, Resource old, AdmissionRequest.UserInfo user) {
        return input.validatingSet().admit(Requests.of(op, object, old, user, mapping), context);
    }
}
