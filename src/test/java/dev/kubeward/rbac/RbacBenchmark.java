package dev.kubeward.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Synthetic-scale benchmark (a main, not a test: timings vary by machine and never gate a build).
 * Generates a cluster of 10,000 roles and 50,000 bindings on top of the stock bootstrap policy,
 * then times parsing, indexing, who-can, can and the escalation analysis. See docs/rbac.md for
 * how to run it. Arguments (optional): roles bindings namespaces seed workloads-per-namespace.
 */
public final class RbacBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] RESOURCES = {
        {"", "pods"}, {"", "pods/log"}, {"", "pods/exec"}, {"", "secrets"}, {"", "configmaps"}, {"", "services"},
        {"", "serviceaccounts"}, {"", "persistentvolumeclaims"}, {"apps", "deployments"}, {"apps", "statefulsets"},
        {"apps", "deployments/scale"}, {"batch", "jobs"}, {"batch", "cronjobs"}, {"networking.k8s.io", "ingresses"},
        {"", "events"}, {"", "*/status"}, {"rbac.authorization.k8s.io", "rolebindings"},
    };
    private static final String[][] VERB_SETS = {
        {"get", "list", "watch"}, {"get"}, {"create", "update", "patch", "delete"}, {"*"}, {"list"}, {"create"},
    };

    private RbacBenchmark() {}

    public static void main(String[] args) {
        int roles = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int bindings = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int namespaces = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42L;
        // Deployments per namespace, running as one of its ServiceAccounts: 0 (the default) keeps
        // the figures comparable with earlier runs; with some, exec and patch steps become certain.
        int workloadsPerNamespace = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Random random = new Random(seed);

        List<JsonNode> documents = generate(roles, bindings, namespaces, random);
        System.out.printf("generated %,d roles, %,d bindings, %d namespaces, %d workloads each (+ stock bootstrap policy); %d cores%n",
                roles, bindings, namespaces, workloadsPerNamespace, Runtime.getRuntime().availableProcessors());

        List<RbacObject> stock = Fixtures.bootstrapObjects();
        // Warm up the JIT on a smaller model (every tenth document) so timings reflect steady-state code.
        List<JsonNode> sample = new ArrayList<>();
        for (int i = 0; i < documents.size(); i += 10) {
            sample.add(documents.get(i));
        }
        RbacModel.build(parse(sample)).escalations();

        long start = System.nanoTime();
        List<RbacObject> objects = parse(documents);
        objects.addAll(stock);
        Random workloadRandom = new Random(seed);
        for (int n = 0; n < namespaces; n++) {
            for (int w = 0; w < workloadsPerNamespace; w++) {
                objects.add(new Workload("apps", "Deployment", "ns-" + n, "app-" + w, "sa-" + workloadRandom.nextInt(20), "bench", ""));
            }
        }
        long parsed = System.nanoTime();
        RbacModel model = RbacModel.build(objects);
        long indexed = System.nanoTime();
        System.out.printf("parse JsonNode -> records: %,8.1f ms (%,d objects)%n", ms(parsed - start), objects.size());
        System.out.printf("build + index model:       %,8.1f ms (%,d dangling bindings)%n", ms(indexed - parsed), model.danglingBindings().size());
        // Two more builds show the steady-state cost once the JIT has compiled the indexing code.
        for (int run = 2; run <= 3; run++) {
            long t = System.nanoTime();
            RbacModel.build(objects);
            System.out.printf("build + index model, run %d: %,6.1f ms%n", run, ms(System.nanoTime() - t));
        }

        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String[] resource = RESOURCES[random.nextInt(RESOURCES.length)];
            String verb = VERB_SETS[random.nextInt(VERB_SETS.length)][0];
            String namespace = random.nextInt(10) == 0 ? null : "ns-" + random.nextInt(namespaces);
            requests.add(Request.of(verb.equals("*") ? "get" : verb, resource[0], resource[1].replace("*/", "pods/"), namespace));
        }
        requests.forEach(model::whoCan);
        long[] whoCan = new long[requests.size()];
        int totalSubjects = 0;
        for (int i = 0; i < requests.size(); i++) {
            long t = System.nanoTime();
            totalSubjects += model.whoCan(requests.get(i)).subjects().size();
            whoCan[i] = System.nanoTime() - t;
        }
        report("who-can", whoCan);
        System.out.printf("  (avg %,d subjects per answer)%n", totalSubjects / requests.size());

        long[] can = new long[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            Subject subject = switch (i % 3) {
                case 0 -> Subject.user("user-" + random.nextInt(5_000));
                case 1 -> Subject.group("group-" + random.nextInt(500));
                default -> Subject.serviceAccount("ns-" + random.nextInt(namespaces), "sa-" + random.nextInt(20));
            };
            long t = System.nanoTime();
            model.can(subject, requests.get(i));
            can[i] = System.nanoTime() - t;
        }
        report("can", can);

        long t0 = System.nanoTime();
        EscalationAnalysis analysis = model.escalations();
        long t1 = System.nanoTime();
        List<EscalationPath> paths = analysis.paths();
        long t2 = System.nanoTime();
        System.out.printf("escalation graph + shortest paths: %,8.1f ms%n", ms(t1 - t0));
        System.out.printf("render all %,d paths:             %,8.1f ms (longest %d steps)%n", paths.size(), ms(t2 - t1),
                paths.stream().mapToInt(path -> path.steps().size()).max().orElse(0));
        long[] pathFor = new long[200];
        for (int i = 0; i < pathFor.length; i++) {
            Subject subject = Subject.user("user-" + random.nextInt(5_000));
            long t = System.nanoTime();
            analysis.pathFor(subject);
            pathFor[i] = System.nanoTime() - t;
        }
        report("escalation pathFor(user)", pathFor);
        if (!paths.isEmpty()) {
            System.out.print("example: " + paths.get(paths.size() - 1).toText());
        }
    }

    static List<RbacObject> parse(List<JsonNode> documents) {
        RbacParser parser = new RbacParser();
        List<RbacObject> objects = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            objects.addAll(parser.parse(documents.get(i), i).objects());
        }
        return objects;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double average = Arrays.stream(sorted).average().orElse(0);
        System.out.printf("%-26s n=%d avg %.3f ms, p95 %.3f ms, max %.3f ms%n", what + ":", sorted.length, ms((long) average),
                ms(sorted[(int) (sorted.length * 0.95)]), ms(sorted[sorted.length - 1]));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    static List<JsonNode> generate(int roleCount, int bindingCount, int namespaces, Random random) {
        List<JsonNode> documents = new ArrayList<>();
        int clusterRoles = roleCount / 10;
        for (int i = 0; i < roleCount; i++) {
            boolean cluster = i < clusterRoles;
            ObjectNode role = object(cluster ? "ClusterRole" : "Role", cluster ? "cr-" + i : "role-" + i,
                    cluster ? null : "ns-" + (i % namespaces));
            ObjectNode labels = ((ObjectNode) role.get("metadata")).putObject("labels");
            labels.put("tier", "t" + (i % 50));
            if (cluster && i < 20) {
                // A few aggregated roles, selecting by label as stock admin/edit/view do.
                role.putObject("aggregationRule").putArray("clusterRoleSelectors").addObject()
                        .putObject("matchLabels").put("tier", "t" + (i + 20));
            } else {
                ArrayNode rules = role.putArray("rules");
                for (int r = 0, n = 1 + random.nextInt(5); r < n; r++) {
                    String[] resource = RESOURCES[random.nextInt(RESOURCES.length)];
                    ObjectNode rule = rules.addObject();
                    rule.putArray("apiGroups").add(resource[0]);
                    rule.putArray("resources").add(resource[1]);
                    ArrayNode verbs = rule.putArray("verbs");
                    Arrays.stream(VERB_SETS[random.nextInt(VERB_SETS.length)]).forEach(verbs::add);
                    if (random.nextInt(8) == 0) {
                        rule.putArray("resourceNames").add("obj-" + random.nextInt(10));
                    }
                }
            }
            documents.add(role);
        }
        int clusterBindings = bindingCount / 25;
        for (int i = 0; i < bindingCount; i++) {
            boolean cluster = i < clusterBindings;
            String namespace = cluster ? null : "ns-" + random.nextInt(namespaces);
            ObjectNode binding = object(cluster ? "ClusterRoleBinding" : "RoleBinding", "b-" + i, namespace);
            ObjectNode roleRef = binding.putObject("roleRef");
            roleRef.put("apiGroup", "rbac.authorization.k8s.io");
            if (cluster || random.nextInt(3) == 0) {
                roleRef.put("kind", "ClusterRole").put("name", "cr-" + random.nextInt(clusterRoles));
            } else {
                // Roles of this namespace are role-(ns + k*namespaces); low indexes are ClusterRoles, so shift those.
                int nsIndex = Integer.parseInt(namespace.substring(3));
                int k = random.nextInt(Math.max(1, (roleCount - clusterRoles) / namespaces) + 1);
                int index = nsIndex + k * namespaces;
                roleRef.put("kind", "Role").put("name", "role-" + (index < clusterRoles ? index + namespaces * 2 : index));
            }
            ArrayNode subjects = binding.putArray("subjects");
            for (int s = 0, n = 1 + random.nextInt(3); s < n; s++) {
                ObjectNode subject = subjects.addObject();
                switch (random.nextInt(3)) {
                    case 0 -> subject.put("kind", "User").put("name", "user-" + random.nextInt(5_000));
                    case 1 -> subject.put("kind", "Group").put("name", "group-" + random.nextInt(500));
                    default -> subject.put("kind", "ServiceAccount").put("name", "sa-" + random.nextInt(20))
                            .put("namespace", namespace != null ? namespace : "ns-" + random.nextInt(namespaces));
                }
            }
            documents.add(binding);
        }
        for (int n = 0; n < namespaces; n++) {
            ObjectNode secret = object("Secret", "sa-0-token", "ns-" + n);
            secret.put("type", "kubernetes.io/service-account-token");
            ((ObjectNode) secret.get("metadata")).putObject("annotations").put("kubernetes.io/service-account.name", "sa-0");
            documents.add(secret);
        }
        return documents;
    }

    private static ObjectNode object(String kind, String name, String namespace) {
        ObjectNode node = JSON.createObjectNode();
        node.put("apiVersion", kind.equals("Secret") ? "v1" : "rbac.authorization.k8s.io/v1").put("kind", kind);
        ObjectNode metadata = node.putObject("metadata").put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        return node;
    }
}
