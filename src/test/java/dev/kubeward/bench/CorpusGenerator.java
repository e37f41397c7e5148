package dev.kubeward.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a realistic manifest corpus for the scan benchmark: FILES files of OBJECTS_PER_FILE
 * objects each, spread over team namespaces, mixing workloads of every kind (with one to three
 * containers, some hardened and some not), Services, ConfigMaps, ServiceAccounts, RBAC and
 * NetworkPolicies, the way a platform repository looks. Seeded, so every run writes the same bytes.
 *
 * <p>Usage: {@code CorpusGenerator DIR [files] [objectsPerFile]}.
 */
public final class CorpusGenerator {
    private final Random random = new Random(20261123L);

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-corpus");
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int perFile = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        new CorpusGenerator().write(dir, files, perFile);
        System.out.println("wrote " + files * perFile + " objects in " + files + " files under " + dir);
    }

    void write(Path dir, int files, int perFile) throws IOException {
        Files.createDirectories(dir);
        for (int f = 0; f < files; f++) {
            String team = "team-" + (f % 40);
            Path sub = Files.createDirectories(dir.resolve(team).resolve("app-" + f));
            StringBuilder sb = new StringBuilder();
            for (int o = 0; o < perFile; o++) {
                if (o > 0) {
                    sb.append("---\n");
                }
                sb.append(object(team, "app-" + f + "-" + o, o));
            }
            Files.writeString(sub.resolve("manifests.yaml"), sb.toString());
        }
    }

    private String object(String ns, String name, int slot) {
        return switch (slot % 10) {
            case 0 -> workload("apps/v1", "Deployment", ns, name, "spec:\n  replicas: 3\n  selector:\n    matchLabels: {app: " + name + "}\n", "  template:\n");
            case 1 -> service(ns, name);
            case 2 -> configMap(ns, name);
            case 3 -> workload("apps/v1", "StatefulSet", ns, name, "spec:\n  serviceName: " + name + "\n  selector:\n    matchLabels: {app: " + name + "}\n", "  template:\n");
            case 4 -> serviceAccount(ns, name);
            case 5 -> workload("batch/v1", "CronJob", ns, name, "spec:\n  schedule: \"*/15 * * * *\"\n  jobTemplate:\n    spec:\n", "      template:\n");
            case 6 -> role(ns, name);
            case 7 -> workload("apps/v1", "DaemonSet", ns, name, "spec:\n  selector:\n    matchLabels: {app: " + name + "}\n", "  template:\n");
            case 8 -> networkPolicy(ns, name);
            default -> workload("batch/v1", "Job", ns, name, "spec:\n  backoffLimit: 2\n", "  template:\n");
        };
    }

    private String workload(String apiVersion, String kind, String ns, String name, String specHead, String templateKey) {
        String indent = " ".repeat(templateKey.indexOf('t') + 2);
        boolean hardened = random.nextInt(3) > 0;
        StringBuilder sb = new StringBuilder();
        sb.append("apiVersion: ").append(apiVersion).append("\nkind: ").append(kind).append("\nmetadata:\n  name: ")
                .append(name).append("\n  namespace: ").append(ns).append("\n  labels:\n    app: ").append(name)
                .append("\n    team: ").append(ns).append("\n  annotations:\n    owner: ").append(ns)
                .append("@example.com\n").append(specHead).append(templateKey);
        sb.append(indent).append("metadata:\n").append(indent).append("  labels: {app: ").append(name)
                .append(", tier: ").append(random.nextBoolean() ? "web" : "backend").append("}\n");
        sb.append(indent).append("spec:\n");
        String s = indent + "  ";
        if (kind.equals("CronJob") || kind.equals("Job")) {
            sb.append(s).append("restartPolicy: OnFailure\n");
        }
        sb.append(s).append("serviceAccountName: ").append(hardened ? name : "default").append('\n');
        if (hardened) {
            sb.append(s).append("automountServiceAccountToken: false\n");
            sb.append(s).append("securityContext:\n").append(s).append("  runAsNonRoot: true\n").append(s)
                    .append("  runAsUser: ").append(10000 + random.nextInt(1000)).append('\n').append(s)
                    .append("  seccompProfile: {type: RuntimeDefault}\n");
        } else if (random.nextInt(4) == 0) {
            sb.append(s).append("hostNetwork: true\n");
        }
        int containers = 1 + random.nextInt(3);
        sb.append(s).append("containers:\n");
        for (int c = 0; c < containers; c++) {
            sb.append(s).append("  - name: c").append(c).append('\n');
            sb.append(s).append("    image: ").append(image(hardened)).append('\n');
            sb.append(s).append("    ports:\n").append(s).append("      - containerPort: ").append(8080 + c)
                    .append("\n").append(s).append("        name: http").append(c).append('\n');
            sb.append(s).append("    env:\n");
            for (int e = 0; e < 3; e++) {
                sb.append(s).append("      - name: SETTING_").append(e).append("\n").append(s).append("        value: \"")
                        .append(random.nextInt(100000)).append("\"\n");
            }
            if (hardened) {
                sb.append(s).append("    resources:\n").append(s).append("      requests: {cpu: 100m, memory: 128Mi}\n")
                        .append(s).append("      limits: {cpu: 500m, memory: 256Mi}\n");
                sb.append(s).append("    securityContext:\n").append(s).append("      allowPrivilegeEscalation: false\n")
                        .append(s).append("      readOnlyRootFilesystem: true\n").append(s)
                        .append("      capabilities: {drop: [ALL]}\n");
            } else if (random.nextInt(5) == 0) {
                sb.append(s).append("    securityContext:\n").append(s).append("      privileged: yes\n");
            }
            sb.append(s).append("    livenessProbe:\n").append(s).append("      httpGet: {path: /healthz, port: ")
                    .append(8080 + c).append("}\n");
        }
        if (!hardened && random.nextInt(6) == 0) {
            sb.append(s).append("volumes:\n").append(s).append("  - name: host\n").append(s)
                    .append("    hostPath: {path: /var/log}\n");
        }
        return sb.toString();
    }

    private String image(boolean hardened) {
        String[] repos = {"nginx", "redis", "registry.example.com/shop/api", "ghcr.io/acme/worker", "postgres"};
        String repo = repos[random.nextInt(repos.length)];
        if (hardened) {
            return repo + ":1." + random.nextInt(30) + "." + random.nextInt(10)
                    + "@sha256:4c0a6b8e2f1d3a5c7e9b0d2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c0e2b4d6f8a0c";
        }
        return random.nextBoolean() ? repo + ":latest" : repo;
    }

    private static String service(String ns, String name) {
        return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + "\nspec:\n  selector: {app: " + name + "}\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n";
    }

    private String configMap(String ns, String name) {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
                + "\n  namespace: " + ns + "\ndata:\n");
        for (int i = 0; i < 8; i++) {
            sb.append("  key").append(i).append(": \"value-").append(random.nextInt(1_000_000)).append("\"\n");
        }
        sb.append("  app.properties: |\n    server.port=8080\n    log.level=info\n    feature.flags=a,b,c\n");
        return sb.toString();
    }

    private static String serviceAccount(String ns, String name) {
        return "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + "\nautomountServiceAccountToken: false\n";
    }

    private static String role(String ns, String name) {
        return "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + "\nrules:\n  - apiGroups: [\"\"]\n    resources: [configmaps]\n    verbs: [get, list, watch]\n"
                + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: " + name
                + "\n  namespace: " + ns + "\nsubjects:\n  - kind: ServiceAccount\n    name: " + name
                + "\n    namespace: " + ns + "\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: " + name + "\n";
    }

    private static String networkPolicy(String ns, String name) {
        return "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + "\nspec:\n  podSelector:\n    matchLabels: {app: " + name.replaceAll("-8$", "-0") + "}\n  policyTypes: [Ingress]\n"
                + "  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: {team: " + ns + "}\n"
                + "      ports:\n        - port: http0\n";
    }
}
