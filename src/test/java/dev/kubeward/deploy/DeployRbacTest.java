package dev.kubeward.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.rbac.PermissionReport;
import dev.kubeward.rbac.RbacModel;
import dev.kubeward.rbac.RbacObject;
import dev.kubeward.rbac.RbacParser;
import dev.kubeward.rbac.Request;
import dev.kubeward.rbac.Subject;
import dev.kubeward.report.PolicyReports;
import dev.kubeward.source.cluster.ClusterCache;
import dev.kubeward.source.cluster.ReportWriter;
import dev.kubeward.source.cluster.ListedKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's ServiceAccounts hold, by the project's own RBAC authorizer, every permission the
 * code they run needs and nothing else: the scanner what the cluster reader lists
 * ({@link ListedKind#DEFAULT} and {@link ListedKind#MESH}) and the reports it writes, the webhook
 * what its cluster cache lists and watches ({@link ClusterCache#KINDS}).
 */
class DeployRbacTest {

    /** One permission: a verb on a resource of a group, cluster-wide. */
    record Grant(String verb, String group, String resource) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? resource : resource + "." + group);
        }
    }

    /**
     * What {@code --apply} sends, from the writer itself ({@link ReportWriter#grants}), for every
     * report API and both report sets (scan's and node's): {@code scanner.reportApi} can be switched
     * without touching RBAC.
     */
    static final List<Grant> REPORT_GRANTS = Stream.of(PolicyReports.Api.values())
            .flatMap(api -> Stream.of(PolicyReports.NAME, PolicyReports.KUBELETS).map(set -> new ReportWriter.Target(api.group,
                    api.version, api.plural, api.kind, api.clusterPlural, api.clusterKind, PolicyReports.selector(set))))
            .flatMap(t -> ReportWriter.grants(t).stream())
            .map(g -> new Grant(g.verb(), g.group(), g.resource()))
            .distinct()
            .toList();

    static Set<Grant> scannerNeeds() {
        Set<Grant> needs = new LinkedHashSet<>();
        Stream.concat(ListedKind.DEFAULT.stream(), ListedKind.MESH.stream())
                .forEach(k -> needs.add(new Grant("list", k.group(), k.resource())));
        needs.addAll(REPORT_GRANTS);
        return needs;
    }

    static Set<Grant> webhookNeeds() {
        Set<Grant> needs = new LinkedHashSet<>();
        for (ClusterCache.CachedKind k : ClusterCache.KINDS) {
            needs.add(new Grant("list", k.group(), k.resource()));
            needs.add(new Grant("watch", k.group(), k.resource()));
        }
        return needs;
    }

    static RbacModel model(List<JsonNode> objects) {
        List<RbacObject> rbac = new ArrayList<>();
        RbacParser parser = new RbacParser("kubeward");
        for (JsonNode o : objects) {
            RbacParser.Result r = parser.parse(o, o.path("kind").asText() + "/" + o.path("metadata").path("name").asText());
            assertThat(r.problems()).isEmpty();
            rbac.addAll(r.objects());
        }
        return RbacModel.build(rbac);
    }

    /** The ServiceAccount the pods of a workload run as, as the chart writes it. */
    static Subject serviceAccountOf(List<JsonNode> objects, String kind, String name) {
        JsonNode w = DeployChart.object(objects, kind, name);
        JsonNode pod = kind.equals("CronJob") ? w.at("/spec/jobTemplate/spec/template/spec") : w.at("/spec/template/spec");
        return Subject.serviceAccount(w.at("/metadata/namespace").asText(), pod.path("serviceAccountName").asText());
    }

    /**
     * What is wrong with what {@code subject} may do: each need not granted, and each grant beyond
     * the needs (a wildcard, names, non-resource URLs, a verb or resource the code does not use).
     */
    static List<String> problems(RbacModel model, Subject subject, Set<Grant> needs) {
        List<String> problems = new ArrayList<>();
        for (Grant need : needs) {
            if (!model.can(subject, Request.of(need.verb(), need.group(), need.resource(), null)).allowed()) {
                problems.add("missing: " + need);
            }
        }
        for (PermissionReport.Scope scope : model.permissions(subject).scopes()) {
            if (scope.namespace() != null) {
                problems.add("a RoleBinding in " + scope.namespace() + " (the code reads cluster-wide)");
            }
            scope.nonResourceURLs().forEach(u -> problems.add("extra: non-resource URL " + u.url()));
            for (PermissionReport.ResourcePermission p : scope.resources()) {
                if (!p.resourceNames().isEmpty()) {
                    problems.add("extra: resourceNames on " + p.resource());
                }
                for (String verb : p.verbs()) {
                    Grant g = new Grant(verb, p.apiGroup(), p.resource());
                    if (!needs.contains(g)) {
                        problems.add("extra: " + g);
                    }
                }
            }
        }
        return problems;
    }

    @Test
    void theScannerMayDoWhatTheClusterReaderAndTheReportWriterDoAndNothingElse() {
        List<JsonNode> objects = DeployChart.objects();
        RbacModel model = model(objects);
        Subject scanner = serviceAccountOf(objects, "CronJob", "kubeward-scanner");
        assertThat(scanner).isEqualTo(Subject.serviceAccount("kubeward", "kubeward-scanner"));
        assertThat(problems(model, scanner, scannerNeeds())).isEmpty();
        // Secrets: the metadata-only list, never a value.
        for (String verb : List.of("get", "watch", "create", "update", "patch", "delete")) {
            assertThat(model.can(scanner, Request.of(verb, "", "secrets", "kube-system")).allowed()).as(verb).isFalse();
        }
        assertThat(model.can(scanner, Request.of("list", "", "secrets", null)).allowed()).isTrue();
        assertThat(ListedKind.DEFAULT).filteredOn(k -> k.resource().equals("secrets")).allMatch(ListedKind::metadataOnly);
    }

    @Test
    void theWebhookMayListAndWatchWhatItsClusterCacheHoldsAndNothingElse() {
        List<JsonNode> objects = DeployChart.objects();
        RbacModel model = model(objects);
        Subject webhook = serviceAccountOf(objects, "Deployment", "kubeward-webhook");
        assertThat(webhook).isEqualTo(Subject.serviceAccount("kubeward", "kubeward-webhook"));
        assertThat(problems(model, webhook, webhookNeeds())).isEmpty();
        assertThat(model.can(webhook, Request.of("list", "", "secrets", null)).allowed()).isFalse();
    }

    @Test
    void nothingElseInTheChartGrantsAnything() {
        List<JsonNode> objects = DeployChart.objects();
        RbacModel model = model(objects);
        // Every binding names one of the two ServiceAccounts and nothing else.
        assertThat(model.bindings()).hasSize(2).allSatisfy(b -> assertThat(b.subjects()).hasSize(1)
                .allMatch(s -> s.isServiceAccount() && s.namespace().equals("kubeward") && s.name().startsWith("kubeward-")));
        // ServiceAccounts do not automount; the pods mount a projected token.
        objects.stream().filter(o -> o.path("kind").asText().equals("ServiceAccount"))
                .forEach(sa -> assertThat(sa.path("automountServiceAccountToken").asBoolean(true)).as(sa.toString()).isFalse());
    }

    /** A change to the scanner's ClusterRole, and the problem it must cause. */
    static Stream<Arguments> hostileRoles() {
        return Stream.of(
                Arguments.of("a wildcard verb", (Consumer<ObjectNode>) r -> rule(r, 0).set("verbs", array("*")),
                        "extra: * pods"),
                Arguments.of("get on secrets", (Consumer<ObjectNode>) r -> rule(r, 1).set("verbs", array("list", "get")),
                        "extra: get secrets"),
                Arguments.of("watch on secrets", (Consumer<ObjectNode>) r -> rule(r, 1).set("verbs", array("list", "watch")),
                        "extra: watch secrets"),
                Arguments.of("a wildcard resource", (Consumer<ObjectNode>) r -> rule(r, 2).set("resources", array("*")),
                        "extra: list *.apps"),
                Arguments.of("a write verb on workloads", (Consumer<ObjectNode>) r -> rule(r, 2).set("verbs", array("list", "patch")),
                        "extra: patch deployments.apps"),
                Arguments.of("a kind the reader lists is dropped", (Consumer<ObjectNode>) r -> ((ArrayNode) r.get("rules")).remove(1),
                        "missing: list secrets"),
                Arguments.of("the reports are read-only", (Consumer<ObjectNode>) r -> lastRule(r).set("verbs", array("list")),
                        "missing: patch clusterreports.openreports.io"),
                Arguments.of("non-resource URLs", (Consumer<ObjectNode>) r -> ((ArrayNode) r.get("rules")).addObject()
                        .<ObjectNode>set("nonResourceURLs", array("/metrics")).set("verbs", array("get")),
                        "extra: non-resource URL /metrics"));
    }

    private static ObjectNode rule(ObjectNode role, int i) {
        return (ObjectNode) role.get("rules").get(i);
    }

    private static ObjectNode lastRule(ObjectNode role) {
        return (ObjectNode) role.get("rules").get(role.get("rules").size() - 1);
    }

    private static ArrayNode array(String... values) {
        ArrayNode a = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRoles")
    void aRoleThatGrantsMoreOrLessIsCaught(String what, Consumer<ObjectNode> change, String problem) {
        List<JsonNode> objects = DeployChart.objects();
        ObjectNode role = (ObjectNode) DeployChart.object(objects, "ClusterRole", "kubeward-scanner");
        assertThat(role.at("/rules/0/resources").toString()).contains("pods");
        assertThat(role.at("/rules/1/resources").toString()).isEqualTo("[\"secrets\"]");
        assertThat(role.at("/rules/2/apiGroups").toString()).isEqualTo("[\"apps\"]");
        change.accept(role);
        Subject scanner = Subject.serviceAccount("kubeward", "kubeward-scanner");
        assertThat(problems(model(objects), scanner, scannerNeeds())).contains(problem);
    }
}
