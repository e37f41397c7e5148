package dev.kubeward.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.AdmissionRequest;
import dev.kubeward.policy.PolicySet;
import dev.kubeward.policy.cel.CelEnvironment;
import dev.kubeward.policy.cel.CelValues;
import dev.kubeward.policy.cel.CelVersion;
import dev.kubeward.policy.cel.CompiledExpression;
import dev.kubeward.policy.offline.InventoryContext;
import dev.kubeward.policy.offline.PolicyInput;
import dev.kubeward.policy.cel.CelAuthorizer;
import dev.kubeward.policy.offline.Requests;
import dev.kubeward.policy.offline.ResourceMapping;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The admission policy engine's targets of issue 17: 20 policies × 10,000 objects evaluated in
 * under 2 s, and a typical expression evaluation in under 20 µs. Policies: the eight of
 * policies/ and twelve generated ones (limits, labels, images, params-free); objects: seeded
 * Deployments, StatefulSets and Pods with one to three containers, half hardened.
 *
 * <p>Usage: {@code PolicyBenchmark [objects] [runs]} (see docs/performance.md).
 */
public final class PolicyBenchmark {
    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ManifestLoader loader = new ManifestLoader();
        LoadResult library = loader.load(List.of("policies"));
        StringBuilder generated = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            generated.append(generatedPolicy(i)).append("---\n");
        }
        LoadResult extra = loader.loadText("generated-policies.yaml", generated.toString());
        List<Resource> policyResources = new ArrayList<>(library.resources());
        policyResources.addAll(extra.resources());

        long t0 = System.nanoTime();
        PolicyInput input = new PolicyInput(policyResources, CelVersion.NEWEST);
        long compileNs = System.nanoTime() - t0;
        if (!input.errors().isEmpty()) {
            throw new IllegalStateException(input.errors().toString());
        }
        PolicySet set = input.validatingSet();
        System.out.printf("policies: %d compiled in %.0f ms (cold, including the CEL environment)%n",
                set.policies().size(), compileNs / 1e6);

        LoadResult objs = loader.loadText("objects.yaml", objectsYaml(objects));
        List<Resource> all = new ArrayList<>(policyResources);
        all.addAll(objs.resources());
        ResourceMapping mapping = new ResourceMapping(all);
        InventoryContext ctx = new InventoryContext(all, mapping, CelAuthorizer.DENY_ALL);
        List<AdmissionRequest> requests = new ArrayList<>();
        for (Resource r : objs.resources()) {
            requests.add(Requests.of("CREATE", r, null, Requests.DEFAULT_USER, mapping));
        }
        long[] single = new long[runs];
        long[] parallel = new long[runs];
        int denied = 0;
        for (int run = 0; run < runs; run++) {
            long s = System.nanoTime();
            int d = 0;
            for (AdmissionRequest req : requests) {
                if (set.admit(req, ctx).denied()) {
                    d++;
                }
            }
            single[run] = System.nanoTime() - s;
            denied = d;
            s = System.nanoTime();
            requests.parallelStream().forEach(req -> set.admit(req, ctx));
            parallel[run] = System.nanoTime() - s;
        }
        System.out.printf("%d policies x %d objects: one thread %s, all cores %s (%d denied)%n",
                set.policies().size(), requests.size(), range(single), range(parallel), denied);

        // A typical expression, evaluated on its own.
        CelEnvironment env = CelEnvironment.of(CelVersion.NEWEST);
        JsonNode pod = objs.resources().get(0).object();
        Object value = CelValues.fromJson(pod);
        Map<String, Object> vars = Map.of("object", value);
        String[] exprs = {
            "object.spec.replicas <= 5",
            "object.spec.template.spec.containers.all(c, c.?securityContext.?privileged.orValue(false) != true)",
            "object.metadata.?labels.?team.orValue('') != '' && object.metadata.name.matches('^[a-z0-9-]+$')",
        };
        for (String e : exprs) {
            CompiledExpression c = env.compile(e, new CelEnvironment.Declarations(false, false, Map.of()), List.of());
            int n = 200_000;
            long[] times = new long[runs];
            for (int run = 0; run < runs; run++) {
                long s = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    c.evaluate(name -> Optional.ofNullable(vars.get(name)), CelEnvironment.PER_CALL_LIMIT);
                }
                times[run] = (System.nanoTime() - s) / n;
            }
            Arrays.sort(times);
            System.out.printf("expression %s: %d ns (median of %d runs, %d evaluations each; cost %d)%n", e, times[runs / 2],
                    runs, n, c.evaluate(name -> Optional.ofNullable(vars.get(name)), CelEnvironment.PER_CALL_LIMIT).cost());
        }
    }

    private static String range(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return String.format("%.0f–%.0f ms (median %.0f)", s[0] / 1e6, s[s.length - 1] / 1e6, s[s.length / 2] / 1e6);
    }

    private static String generatedPolicy(int i) {
        String[] validations = {
            "object.spec.replicas <= " + (3 + i),
            "has(object.metadata.labels) && 'team' in object.metadata.labels",
            "object.metadata.name.size() <= 40",
            "!object.metadata.name.startsWith('tmp-')",
            "object.spec.template.spec.containers.all(c, has(c.resources) && has(c.resources.limits))",
            "object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest'))",
            "object.spec.template.spec.containers.size() <= 4",
            "object.spec.template.spec.containers.all(c, c.name.matches('^[a-z][a-z0-9-]*$'))",
            "!has(object.spec.template.spec.hostAliases)",
            "object.metadata.?annotations.?owner.orValue('nobody') != ''",
            "object.spec.template.spec.containers.exists_one(c, c.name == 'app') || object.spec.template.spec.containers.size() > 0",
            "object.spec.template.spec.?priorityClassName.orValue('') != 'system-cluster-critical'",
        };
        return """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata:
                  name: generated-%d
                spec:
                  matchConstraints:
                    resourceRules:
                    - apiGroups: ["apps"]
                      apiVersions: ["v1"]
                      operations: ["CREATE", "UPDATE"]
                      resources: ["deployments", "statefulsets"]
                  validations:
                  - expression: "%s"
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata:
                  name: generated-%d
                spec:
                  policyName: generated-%d
                  validationActions: [Deny]
                """.formatted(i, validations[i].replace("\"", "\\\""), i, i);
    }

    private static String objectsYaml(int n) {
        Random random = new Random(20261123L);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            boolean hardened = random.nextBoolean();
            String kind = i % 10 == 0 ? "StatefulSet" : "Deployment";
            b.append("apiVersion: apps/v1\nkind: ").append(kind).append("\nmetadata:\n  name: app-").append(i)
                    .append("\n  namespace: team-").append(i % 40).append("\n  labels: {team: t").append(i % 7).append("}\n")
                    .append("spec:\n  replicas: ").append(1 + random.nextInt(8)).append("\n  template:\n    spec:\n");
            if (hardened) {
                b.append("      automountServiceAccountToken: false\n      securityContext: {runAsNonRoot: true}\n");
            }
            b.append("      containers:\n");
            int containers = 1 + random.nextInt(3);
            for (int c = 0; c < containers; c++) {
                b.append("      - name: c").append(c).append("\n        image: registry.example.com/shop/app")
                        .append(c).append(hardened ? ":1.2." + c : (c == 0 ? ":latest" : "")).append("\n");
                if (hardened) {
                    b.append("        securityContext: {privileged: false, capabilities: {drop: [ALL]}}\n")
                            .append("        resources: {limits: {cpu: 500m, memory: 256Mi}}\n");
                } else if (random.nextInt(4) == 0) {
                    b.append("        securityContext: {privileged: true}\n");
                }
            }
            b.append("---\n");
        }
        return b.toString();
    }
}
