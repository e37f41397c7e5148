package dev.kubeward.policy.offline;

import dev.kubeward.model.InputError;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.CompiledPolicy;
import dev.kubeward.policy.PolicyModel;
import dev.kubeward.policy.PolicyReader;
import dev.kubeward.policy.PolicySet;
import dev.kubeward.policy.cel.CelVersion;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admission policies among scanned resources, read and compiled: what the API server would
 * refuse (a field rule, an expression that does not compile) is an input error naming the
 * policy, the field, the file and the line, and that policy is left out of evaluation.
 */
public final class PolicyInput {
    private final List<PolicyModel.ValidatingPolicy> validating = new ArrayList<>();
    private final List<PolicyModel.ValidatingBinding> validatingBindings = new ArrayList<>();
    private final List<PolicyModel.MutatingPolicy> mutating = new ArrayList<>();
    private final List<PolicyModel.MutatingBinding> mutatingBindings = new ArrayList<>();
    private final Map<Object, Resource> origins = new IdentityHashMap<>();
    private final List<InputError> errors = new ArrayList<>();
    private final PolicySet set;

    public PolicyInput(List<Resource> resources, CelVersion version) {
        for (Resource r : resources) {
            if (!PolicyReader.isPolicyKind(r.apiVersion(), r.kind())) {
                continue;
            }
            PolicyReader reader = new PolicyReader();
            switch (r.kind()) {
                case "ValidatingAdmissionPolicy" -> {
                    PolicyModel.ValidatingPolicy p = reader.validatingPolicy(r.object());
                    if (report(r, reader)) {
                        validating.add(p);
                        origins.put(p, r);
                    }
                }
                case "ValidatingAdmissionPolicyBinding" -> {
                    PolicyModel.ValidatingBinding b = reader.validatingBinding(r.object());
                    if (report(r, reader)) {
                        validatingBindings.add(b);
                        origins.put(b, r);
                    }
                }
                case "MutatingAdmissionPolicy" -> {
                    PolicyModel.MutatingPolicy p = reader.mutatingPolicy(r.object());
                    if (report(r, reader)) {
                        mutating.add(p);
                        origins.put(p, r);
                    }
                }
                default -> {
                    PolicyModel.MutatingBinding b = reader.mutatingBinding(r.object());
                    if (report(r, reader)) {
                        mutatingBindings.add(b);
                        origins.put(b, r);
                    }
                }
            }
        }
        PolicySet compiled = PolicySet.of(validating, validatingBindings, version);
        List<PolicyModel.ValidatingPolicy> ok = new ArrayList<>();
        for (CompiledPolicy cp : compiled.policies()) {
            Resource r = origins.get(cp.policy());
            if (cp.errors().isEmpty()) {
                ok.add(cp.policy());
                continue;
            }
            for (CompiledPolicy.CompileError e : cp.errors()) {
                errors.add(new InputError(r.origin().file(), r.locate(e.path()).line(),
                        "ValidatingAdmissionPolicy " + cp.policy().name() + ": " + e.path() + ": " + e.message()));
            }
        }
        this.set = ok.size() == validating.size() ? compiled : PolicySet.of(ok, validatingBindings, version);
    }

    private boolean report(Resource r, PolicyReader reader) {
        for (PolicyModel.Problem p : reader.problems()) {
            errors.add(new InputError(r.origin().file(), r.locate(p.path()).line(), p.object() + ": " + p.path() + ": " + p.message()));
        }
        return reader.problems().isEmpty();
    }

    /** The validating policies that compiled, with their bindings. */
    public PolicySet validatingSet() {
        return set;
    }

    public List<PolicyModel.ValidatingPolicy> validatingPolicies() {
        return validating;
    }

    public List<PolicyModel.ValidatingBinding> validatingBindings() {
        return validatingBindings;
    }

    public List<PolicyModel.MutatingPolicy> mutatingPolicies() {
        return mutating;
    }

    public List<PolicyModel.MutatingBinding> mutatingBindings() {
        return mutatingBindings;
    }

    /** The scanned resource a policy or binding was read from. */
    public Resource origin(Object policyOrBinding) {
        return origins.get(policyOrBinding);
    }

    public List<InputError> errors() {
        return errors;
    }

    public boolean isEmpty() {
        return validating.isEmpty() && validatingBindings.isEmpty() && mutating.isEmpty() && mutatingBindings.isEmpty();
    }

    /** Where a field of a policy object is, for messages. */
    public String locate(Object policyOrBinding, JsonPath path) {
        Resource r = origins.get(policyOrBinding);
        return r == null ? "" : r.origin().file() + ":" + r.locate(path).line();
    }
}
