package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rbac subcommands end to end through Main.run, on the fixture directories under rbac-cli/. */
class RbacCommandTest {
    private static final String SHOP = "src/test/resources/rbac-cli/shop";
    private static final String BROKEN = "src/test/resources/rbac-cli/broken";
    private static final String CLUSTER_SCOPED = "src/test/resources/rbac-cli/cluster-scoped";

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void whoCanListsEverySubjectWithBindingRoleRuleAndItsLine() {
        Run r = run("rbac", "who-can", "--no-bootstrap", "get", "secrets", "-n", "shop", SHOP);

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("who can get secrets in namespace shop:",
                "  Group developers\n    via RoleBinding/shop/developers-read-secrets -> Role/shop/secret-reader rules[0]  ("
                        + SHOP + "/rbac.yaml:9)",
                "  User alice\n");
    }

    @Test
    void whoCanWithoutNamespaceIsClusterWideSoRoleBindingsDoNotCount() {
        Run r = run("rbac", "who-can", "--no-bootstrap", "get", "secrets", SHOP);

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).isEqualTo("who can get secrets cluster-wide:\n  nobody\n");
    }

    @Test
    void whoCanJsonHasTheDocumentedShape() throws Exception {
        Run r = run("rbac", "who-can", "--no-bootstrap", "get", "secrets", "-n", "shop", SHOP, "--format", "json");

        JsonNode subjects = new ObjectMapper().readTree(r.out()).get("subjects");
        assertThat(subjects).hasSize(2);
        assertThat(subjects.get(0).get("kind").asText()).isEqualTo("Group");
        assertThat(subjects.get(0).get("name").asText()).isEqualTo("developers");
        JsonNode via = subjects.get(0).get("via").get(0);
        assertThat(via.get("binding").asText()).isEqualTo("RoleBinding/shop/developers-read-secrets");
        assertThat(via.get("role").asText()).isEqualTo("Role/shop/secret-reader");
        assertThat(via.get("rule").asText()).isEqualTo("rules[0]");
    }

    @Test
    void whoCanKnowsTheGroupOfBuiltInResourcesAndUsesTheBootstrapPolicy() {
        Run withStock = run("rbac", "who-can", "create", "deployments", "-n", "ops", "--bootstrap", SHOP);
        Run withoutStock = run("rbac", "who-can", "--no-bootstrap", "create", "deployments", "-n", "ops", SHOP);

        assertThat(withStock.out()).startsWith("who can create deployments.apps in namespace ops:")
                .contains("ServiceAccount ci/deployer\n    via RoleBinding/ops/deployer -> ClusterRole/edit ClusterRole/system:aggregate-to-edit",
                        "<bootstrap>/cluster-roles.yaml:");
        assertThat(withoutStock.out()).contains("nobody");
    }

    @Test
    void resourceNamesLimitWhoCanToNamedObjects() {
        assertThat(run("rbac", "who-can", "--no-bootstrap", "get", "configmaps", "-n", "shop", SHOP).out()).contains("nobody");
        assertThat(run("rbac", "who-can", "--no-bootstrap", "get", "configmaps", "-n", "shop", "--name", "settings", SHOP).out())
                .contains("User alice");
    }

    @Test
    void canSaysYesWithReasonsAndExitsZero() {
        Run r = run("rbac", "can", "--no-bootstrap", "user:alice", "list", "secrets", "-n", "shop", SHOP);

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).startsWith("yes\n  User alice can list secrets in namespace shop\n")
                .contains("via RoleBinding/shop/developers-read-secrets -> Role/shop/secret-reader rules[0]");
    }

    @Test
    void canSaysNoWithWhatWasConsideredAndExitsOne() {
        Run r = run("rbac", "can", "--no-bootstrap", "user:alice", "delete", "secrets", "-n", "shop", SHOP);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("no\n  User alice cannot delete secrets in namespace shop\n")
                .contains("1 binding(s) apply to alice");
    }

    @Test
    void canResolvesGroupMembershipAndServiceAccounts() {
        assertThat(run("rbac", "can", "--no-bootstrap", "group:developers", "get", "secrets", "-n", "shop", SHOP).exit()).isEqualTo(0);
        assertThat(run("rbac", "can", "sa:ci/deployer", "create", "pods", "-n", "ops", "--bootstrap", SHOP).exit()).isEqualTo(0);
        assertThat(run("rbac", "can", "sa:ci/deployer", "create", "pods", "-n", "shop", "--bootstrap", SHOP).exit()).isEqualTo(1);
    }

    @Test
    void canAnswersInJson() throws Exception {
        Run r = run("rbac", "can", "--no-bootstrap", "user:alice", "get", "secrets", "-n", "shop", SHOP, "-f", "json");

        JsonNode decision = new ObjectMapper().readTree(r.out());
        assertThat(decision.get("allowed").asBoolean()).isTrue();
        assertThat(decision.get("subject").get("name").asText()).isEqualTo("alice");
        assertThat(decision.get("reasons")).hasSize(1);
    }

    @Test
    void badArgumentsExitTwoWithASentence() {
        Run subject = run("rbac", "can", "--no-bootstrap", "bob", "get", "secrets", SHOP);
        Run verb = run("rbac", "can", "--no-bootstrap", "user:bob", "GET", "secrets", SHOP);
        Run serviceAccount = run("rbac", "permissions", "--no-bootstrap", "sa:noslash", SHOP);
        Run conflict = run("rbac", "who-can", "--no-bootstrap", "get", "deployments.apps", "--api-group", "batch", SHOP);

        assertThat(subject.exit()).isEqualTo(2);
        assertThat(subject.err()).startsWith("kubeward: error: invalid subject 'bob': expected user:NAME, group:NAME or sa:NAMESPACE/NAME");
        assertThat(verb.exit()).isEqualTo(2);
        assertThat(verb.err()).startsWith("kubeward: error: invalid verb 'GET'");
        assertThat(serviceAccount.exit()).isEqualTo(2);
        assertThat(conflict.exit()).isEqualTo(2);
        assertThat(conflict.err()).contains("names group apps but --api-group says batch");
        assertThat(subject.out() + verb.out() + subject.err()).doesNotContain("Exception", "\tat ");
    }

    /** One bad object never empties the answer: it is reported, the rest is answered for, and the exit code is 2. */
    @Test
    void unreadableInputIsReportedAsFileLineReasonAndTheRestAnsweredWithExitTwo() {
        Run r = run("rbac", "who-can", "--no-bootstrap", "list", "secrets", "-n", "shop", BROKEN);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(BROKEN + "/rbac.yaml:11: invalid YAML",
                        BROKEN + "/rbac.yaml:1: RoleBinding no-role: roleRef: required; the API server rejects the object",
                        BROKEN + "/rbac.yaml:31: Role secret-reader-typo: rules[0].verbs: must be a list of strings, not a string",
                        "note: the answer below leaves out what could not be read")
                .doesNotContain("Exception");
        assertThat(r.out()).contains("who can list secrets in namespace shop:", "User bob");
        Run can = run("rbac", "can", "user:bob", "list", "secrets", "-n", "shop", BROKEN);
        assertThat(can.exit()).isEqualTo(2);
        assertThat(can.out()).startsWith("yes");
    }

    @Test
    void nothingReadIsNoAnswer() {
        Run r = run("rbac", "can", "user:bob", "list", "secrets", "-n", "shop", "does/not/exist.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingPathIsAnInputError() {
        Run r = run("rbac", "paths", "--no-bootstrap", "src/test/resources/rbac-cli/does-not-exist");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("does-not-exist: no such file or directory");
    }

    @Test
    void permissionsShowsATablePerScope() {
        Run r = run("rbac", "permissions", "--no-bootstrap", "user:alice", SHOP);

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).startsWith("effective permissions of User alice\nnamespace shop:\n")
                .containsPattern("configmaps \\[settings\\] ✔ +✖")
                .containsPattern("secrets +✔ +✔ +✖");
    }

    @Test
    void permissionsInANamespaceLeaveOutWhatARoleBindingCannotGrant() throws Exception {
        Run r = run("rbac", "permissions", "--no-bootstrap", "user:kim", CLUSTER_SCOPED, "-f", "json");

        JsonNode scopes = new ObjectMapper().readTree(r.out()).get("scopes");
        assertThat(scopes).hasSize(1);
        assertThat(scopes.get(0).get("namespace").asText()).isEqualTo("team");
        assertThat(scopes.get(0).get("resources")).extracting(row -> row.get("resource").asText())
                .containsExactly("pods", "roles");
        assertThat(scopes.get(0).get("nonResourceURLs")).isEmpty();
        assertThat(run("rbac", "permissions", "--no-bootstrap", "user:kim", CLUSTER_SCOPED).out())
                .doesNotContain("nodes", "namespaces", "persistentvolumes", "storageclasses", "clusterroles", "/healthz");
    }

    @Test
    void aNamespaceIsIgnoredWithANoteForClusterScopedResources() {
        Run kim = run("rbac", "can", "--no-bootstrap", "user:kim", "get", "nodes", "-n", "team", CLUSTER_SCOPED);
        assertThat(kim.exit()).isEqualTo(1);
        assertThat(kim.out()).startsWith("no\n  User kim cannot get nodes cluster-wide");
        assertThat(kim.err()).isEqualTo("note: nodes is cluster-scoped: requests for it carry no namespace, "
                + "so -n team is ignored and RoleBindings do not apply\n" + RbacModelOptions.WITHOUT_STOCK + "\n");
        assertThat(run("rbac", "can", "--no-bootstrap", "user:kim", "get", "/healthz", CLUSTER_SCOPED).exit()).isEqualTo(1);
        assertThat(run("rbac", "can", "--no-bootstrap", "user:kim", "get", "nodes/proxy", "-n", "team", CLUSTER_SCOPED).exit()).isEqualTo(1);
        assertThat(run("rbac", "can", "--no-bootstrap", "user:kim", "get", "storageclasses", "-n", "team", CLUSTER_SCOPED).exit()).isEqualTo(1);
        Run pods = run("rbac", "can", "--no-bootstrap", "user:kim", "get", "pods", "-n", "team", CLUSTER_SCOPED);
        assertThat(pods.exit()).isZero();
        assertThat(pods.err()).as("no note about the namespace").isEqualTo(RbacModelOptions.WITHOUT_STOCK + "\n");
        assertThat(run("rbac", "can", "--no-bootstrap", "user:nina", "get", "nodes", "-n", "team", CLUSTER_SCOPED).exit()).isZero();

        Run who = run("rbac", "who-can", "--no-bootstrap", "get", "nodes", "-n", "team", CLUSTER_SCOPED);
        assertThat(who.out()).startsWith("who can get nodes cluster-wide:\n  User nina\n").doesNotContain("kim");
        assertThat(who.err()).contains("note: nodes is cluster-scoped");
    }

    /** Subjects are {kind, name, namespace} in every JSON answer, with no derived properties. */
    @Test
    void jsonSubjectsCarryOnlyTheirFields() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> subjects = new ArrayList<>();
        json.readTree(run("rbac", "paths", "--bootstrap", SHOP, "-f", "json").out()).get("paths")
                .forEach(p -> subjects.add(p.get("subject")));
        subjects.add(json.readTree(run("rbac", "can", "--no-bootstrap", "sa:ci/deployer", "get", "pods", "-n", "ci", SHOP, "-f", "json").out())
                .get("subject"));
        subjects.add(json.readTree(run("rbac", "permissions", "--no-bootstrap", "user:alice", SHOP, "-f", "json").out()).get("subject"));
        json.readTree(run("rbac", "who-can", "--no-bootstrap", "get", "secrets", "-n", "shop", SHOP, "-f", "json").out()).get("subjects")
                .forEach(subjects::add);
        assertThat(subjects).hasSizeGreaterThan(3).allSatisfy(subject -> {
            List<String> fields = new ArrayList<>();
            subject.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).isSubsetOf("kind", "name", "namespace", "via").contains("kind", "name");
        });
    }

    @Test
    void permissionsJsonSortsVerbs() throws Exception {
        Run r = run("rbac", "permissions", "--no-bootstrap", "group:developers", SHOP, "-f", "json");

        JsonNode row = new ObjectMapper().readTree(r.out()).get("scopes").get(0).get("resources").get(1);
        assertThat(row.get("resource").asText()).isEqualTo("secrets");
        assertThat(row.get("verbs").toString()).isEqualTo("[\"get\",\"list\"]");
    }

    @Test
    void pathsShowTheShortestEscalationStepByStepAndLeaveOutStockSubjects() {
        Run r = run("rbac", "paths", "--bootstrap", SHOP);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("ServiceAccount ci/deployer can reach cluster-admin in 2 steps:\n"
                        + "  1. ServiceAccount ci/deployer --[create pods in namespace ops with any ServiceAccount there; act as ServiceAccount ops/admin]--> ServiceAccount ops/admin\n")
                .contains("  2. ServiceAccount ops/admin --[holds '*' verbs on '*' resources in '*' API groups cluster-wide]--> cluster-admin")
                .containsPattern("\\d+ stock system: subject\\(s\\) with paths by design left out; --include-system shows them")
                .doesNotContain("kube-system/clusterrole-aggregation-controller can reach");
        assertThat(run("rbac", "paths", "--bootstrap", "--include-system", SHOP).out())
                .contains("ServiceAccount kube-system/clusterrole-aggregation-controller can reach cluster-admin");
    }

    @Test
    void pathsWithoutThePolicyOfCluserAdminFindNothingAndExitZero() {
        Run r = run("rbac", "paths", "--no-bootstrap", SHOP);

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).isEqualTo("no subject can reach cluster-admin\n");
    }

    @Test
    void pathsAsJsonAndDot() throws Exception {
        JsonNode json = new ObjectMapper().readTree(run("rbac", "paths", "--bootstrap", SHOP, "-f", "json").out());
        String dot = run("rbac", "paths", "--bootstrap", SHOP, "-f", "dot").out();

        assertThat(json.get("leftOut").asInt()).isPositive();
        // Shortest first: ops/admin already is cluster-admin (one step), ci/deployer needs two.
        assertThat(json.get("paths").get(0).get("subject").get("name").asText()).isEqualTo("admin");
        assertThat(json.get("paths").get(1).get("steps").get(0).get("via").get(0).get("binding").asText())
                .isEqualTo("RoleBinding/ops/deployer");
        assertThat(dot).startsWith("digraph rbac_paths {")
                .contains("\"ServiceAccount ci/deployer\" -> \"ServiceAccount ops/admin\" [label=\"create pods in namespace ops");
    }

    /** Workloads of the input make steps certain; a step that needs what the input does not show says so. */
    @Test
    void pathsMarkSpeculativeStepsInEveryFormat() throws Exception {
        String dir = "src/test/resources/rbac-cli/workloads";
        Run r = run("rbac", "paths", "--bootstrap", dir);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("User kim can reach cluster-admin in 2 steps:\n"
                        + "  1. User kim --[patch a Deployment in namespace ops to set its pod template's serviceAccountName, image and"
                        + " command; act as ServiceAccount ops/admin]--> ServiceAccount ops/admin\n")
                .contains("User lee can reach cluster-admin in 2 steps (speculative: it needs what a step assumes, which the input"
                        + " does not show):\n  1. User lee --[patch the image of a running pod in namespace ops to run your code under"
                        + " the pod's own ServiceAccount; take the token of ServiceAccount ops/admin (speculative: assumes a pod runs as"
                        + " it, which the input does not show)]--> ServiceAccount ops/admin");
        JsonNode json = new ObjectMapper().readTree(run("rbac", "paths", "--bootstrap", dir, "-f", "json").out());
        JsonNode lee = null;
        for (JsonNode path : json.get("paths")) {
            if (path.get("subject").get("name").asText().equals("lee")) {
                lee = path;
            }
        }
        assertThat(lee).isNotNull();
        assertThat(lee.get("speculative").asBoolean()).isTrue();
        assertThat(lee.get("steps").get(0).get("assumptions").get(0).asText()).isEqualTo("a pod runs as it, which the input does not show");
        assertThat(lee.get("steps").get(1).get("assumptions")).isEmpty();
        assertThat(run("rbac", "paths", "--bootstrap", dir, "-f", "dot").out())
                .containsPattern("\"User lee\" -> \"ServiceAccount ops/admin\" \\[label=\"[^\"]*\", style=dashed\\];")
                .containsPattern("\"User kim\" -> \"ServiceAccount ops/admin\" \\[label=\"[^\"]*\"\\];");
    }

    @Test
    void rbacWithoutASubcommandPrintsUsageAndExitsTwo() {
        Run r = run("rbac");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("who-can", "can", "permissions", "paths");
    }
}
