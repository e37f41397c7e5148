package dev.kubeward.source.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.model.CoverageGap;
import dev.kubeward.model.Resource;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterReaderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private MockCluster cluster;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private ClusterSnapshot read(String namespace) throws Exception {
        return new ClusterReader(cluster.connection("kind-test", 10), new ClusterReader.Options(2, 4, 10), null,
                millis -> { }).read(namespace);
    }

    private static Resource find(ClusterSnapshot s, String kind, String name) {
        return s.resources().stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void listsTakeKindFromTheListDropStatusAndManagedFieldsAndNameTheContext() throws Exception {
        cluster.create(json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','managedFields':[{'manager':'kubectl'}]},"
                + "'spec':{'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':{'labels':{'app':'web'}},"
                + "'spec':{'containers':[{'name':'web','image':'nginx:1.27'}]}}},'status':{'replicas':3}}"), "shop");
        ClusterSnapshot s = read(null);
        Resource web = find(s, "Deployment", "web");
        assertThat(web).isNotNull();
        assertThat(web.apiVersion()).isEqualTo("apps/v1");
        assertThat(web.object().path("kind").asText()).isEqualTo("Deployment");
        assertThat(web.namespace()).isEqualTo("shop");
        assertThat(web.object().has("status")).isFalse();
        assertThat(web.metadata().has("managedFields")).isFalse();
        assertThat(web.origin().file()).isEqualTo("cluster:kind-test/Deployment/shop/web");
        assertThat(s.serverVersion()).isEqualTo("v1.31.4");
        assertThat(s.kubernetesVersion()).isEqualTo("v1.31.4");
        assertThat(s.gaps()).isEmpty();
    }

    @Test
    void secretsAreAskedForAsMetadataAndTheirValuesAreNeverKept() throws Exception {
        // The mock server ignores the Accept header and answers with whole Secrets, as a server
        // that did not honour it would: the reader still keeps nothing but the metadata.
        cluster.create(json("{'apiVersion':'v1','kind':'Secret','metadata':{'name':'db','annotations':{"
                + "'kubectl.kubernetes.io/last-applied-configuration':'{\\'data\\':{\\'password\\':\\'aHVudGVyMg==\\'}}',"
                + "'kubernetes.io/service-account.name':'web'}},'type':'Opaque','data':{'password':'aHVudGVyMg=='},"
                + "'stringData':{'token':'hunter2'}}"), "shop");
        ClusterSnapshot s = read("shop");
        Resource db = find(s, "Secret", "db");
        assertThat(db).isNotNull();
        assertThat(db.apiVersion()).isEqualTo("v1");
        assertThat(db.object().toString()).doesNotContain("aHVudGVyMg").doesNotContain("hunter2")
                .doesNotContain("last-applied");
        assertThat(db.object().has("data")).isFalse();
        assertThat(db.annotations()).containsEntry("kubernetes.io/service-account.name", "web");
        List<String> secretAccepts = new ArrayList<>();
        for (int i = cluster.server.getRequestCount(); i > 0; i--) {
            RecordedRequest r = cluster.server.takeRequest();
            if (r.getMethod().equals("GET") && r.getPath().startsWith("/api/v1/namespaces/shop/secrets")) {
                secretAccepts.add(r.getHeaders().get("Accept"));
            }
        }
        assertThat(secretAccepts).isNotEmpty()
                .allMatch(a -> a.equals("application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1"));
    }

    @Test
    void pagesAreFollowedToTheLastContinueToken() throws Exception {
        cluster.server.expect().get().withPath("/api/v1/serviceaccounts?limit=2")
                .andReturn(200, "{'kind':'ServiceAccountList','apiVersion':'v1','metadata':{'continue':'t1'},'items':[{'metadata':{'name':'a','namespace':'x'}},{'metadata':{'name':'b','namespace':'x'}}]}".replace('\'', '"')).once();
        cluster.server.expect().get().withPath("/api/v1/serviceaccounts?limit=2&continue=t1")
                .andReturn(200, "{'kind':'ServiceAccountList','apiVersion':'v1','metadata':{'continue':'t+2='},'items':[{'metadata':{'name':'c','namespace':'x'}},{'metadata':{'name':'d','namespace':'x'}}]}".replace('\'', '"')).once();
        cluster.server.expect().get().withPath("/api/v1/serviceaccounts?limit=2&continue=t%2B2%3D")
                .andReturn(200, "{'kind':'ServiceAccountList','apiVersion':'v1','metadata':{},'items':[{'metadata':{'name':'e','namespace':'x'}}]}".replace('\'', '"')).once();
        ClusterSnapshot s = read(null);
        assertThat(s.resources().stream().filter(r -> r.kind().equals("ServiceAccount")).map(Resource::name))
                .containsExactly("a", "b", "c", "d", "e");
        assertThat(s.counts()).containsEntry("serviceaccounts", 5);
    }

    @Test
    void aListThatChangedBetweenPagesIsReadAgainFromTheStart() throws Exception {
        cluster.server.expect().get().withPath("/api/v1/configmaps?limit=2")
                .andReturn(200, "{'kind':'ConfigMapList','apiVersion':'v1','metadata':{'continue':'old'},'items':[{'metadata':{'name':'stale','namespace':'x'}}]}".replace('\'', '"')).once();
        cluster.server.expect().get().withPath("/api/v1/configmaps?limit=2&continue=old")
                .andReturn(410, "{'kind':'Status','apiVersion':'v1','status':'Failure','reason':'Expired','code':410,'message':'The provided continue parameter is too old'}".replace('\'', '"')).once();
        cluster.server.expect().get().withPath("/api/v1/configmaps?limit=2")
                .andReturn(200, "{'kind':'ConfigMapList','apiVersion':'v1','metadata':{},'items':[{'metadata':{'name':'fresh','namespace':'x'}}]}".replace('\'', '"')).once();
        List<String> restarted = new CopyOnWriteArrayList<>();
        ClusterSnapshot s = new ClusterReader(cluster.connection("kind-test", 10), new ClusterReader.Options(2, 4, 10),
                new ClusterReader.Listener() {
                    @Override
                    public void restarted(ListedKind kind) {
                        restarted.add(kind.resource());
                    }
                }, millis -> { }).read(null);
        assertThat(s.resources().stream().filter(r -> r.kind().equals("ConfigMap")).map(Resource::name))
                .containsExactly("fresh");
        assertThat(restarted).containsExactly("configmaps");
    }

    /** A PodList page of {@code count} pods from {@code first}, with the continue token given (null on the last). */
    private static String podPage(int first, int count, String next) {
        StringBuilder b = new StringBuilder("{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{")
                .append(next == null ? "" : "\"continue\":\"" + next + "\"").append("},\"items\":[");
        for (int i = first; i < first + count; i++) {
            b.append(i == first ? "" : ",").append("{\"metadata\":{\"name\":\"p").append(i)
                    .append("\",\"namespace\":\"ns").append(i % 500).append("\",\"uid\":\"u").append(i)
                    .append("\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox:1.36\"}]},")
                    .append("\"status\":{\"phase\":\"Running\"}}");
        }
        return b.append("]}").toString();
    }

    @Test
    void twentyThousandPodsOverFortyPagesAreEveryOneRead() throws Exception {
        int pages = 40;
        for (int page = 0; page < pages; page++) {
            String path = "/api/v1/pods?limit=500" + (page == 0 ? "" : "&continue=t" + page);
            cluster.server.expect().get().withPath(path)
                    .andReturn(200, podPage(page * 500, 500, page + 1 < pages ? "t" + (page + 1) : null)).once();
        }
        ClusterSnapshot s = new ClusterReader(cluster.connection("kind-test", 30), new ClusterReader.Options(500, 4, 30), null,
                millis -> { }).read(null);
        assertThat(s.counts()).containsEntry("pods", 20_000);
        assertThat(s.resources().stream().filter(r -> r.kind().equals("Pod")).map(Resource::name).distinct().count())
                .isEqualTo(20_000);
        assertThat(s.resources().stream().filter(r -> r.kind().equals("Pod")).allMatch(r -> !r.object().has("status"))).isTrue();
        assertThat(s.gaps()).isEmpty();
    }

    @Test
    void aTenMegabyteObjectIsReadAndOneBeyondTheParsersLimitIsAGapNamingItsKind() throws Exception {
        String big = "x".repeat(10 * 1024 * 1024);
        cluster.server.expect().get().withPath("/api/v1/configmaps?limit=2")
                .andReturn(200, "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":["
                        + "{\"metadata\":{\"name\":\"big\",\"namespace\":\"x\"},\"data\":{\"blob\":\"" + big + "\"}},"
                        + "{\"metadata\":{\"name\":\"small\",\"namespace\":\"x\"},\"data\":{\"a\":\"b\"}}]}").once();
        // 25 MB in one string: past what the parser reads into one value (Jackson's 20 M characters).
        cluster.server.expect().get().withPath("/api/v1/podtemplates?limit=2")
                .andReturn(200, "{\"kind\":\"PodTemplateList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":["
                        + "{\"metadata\":{\"name\":\"huge\",\"namespace\":\"x\",\"annotations\":{\"a\":\""
                        + "y".repeat(25 * 1024 * 1024) + "\"}}}]}").once();
        ClusterSnapshot s = read(null);
        assertThat(find(s, "ConfigMap", "big").object().at("/data/blob").asText()).hasSize(10 * 1024 * 1024);
        assertThat(find(s, "ConfigMap", "small")).isNotNull();
        assertThat(s.gaps()).anySatisfy(g -> {
            assertThat(g.what()).isEqualTo("podtemplates");
            assertThat(g.reason()).startsWith("unreadable answer: ").contains("exceeds the maximum");
        });
        assertThat(find(s, "PodTemplate", "huge")).isNull();
    }

    @Test
    void aListThatKeepsChangingIsRestartedABoundedNumberOfTimesThenAGapNamingTheKind() throws Exception {
        cluster.server.expect().get().withPath("/api/v1/configmaps?limit=2")
                .andReturn(200, "{'kind':'ConfigMapList','apiVersion':'v1','metadata':{'continue':'old'},'items':[{'metadata':{'name':'stale','namespace':'x'}}]}".replace('\'', '"')).always();
        cluster.server.expect().get().withPath("/api/v1/configmaps?limit=2&continue=old")
                .andReturn(410, "{'kind':'Status','apiVersion':'v1','status':'Failure','reason':'Expired','code':410}".replace('\'', '"')).always();
        List<String> restarted = new CopyOnWriteArrayList<>();
        ClusterSnapshot s = new ClusterReader(cluster.connection("kind-test", 10), new ClusterReader.Options(2, 4, 10),
                new ClusterReader.Listener() {
                    @Override
                    public void restarted(ListedKind kind) {
                        restarted.add(kind.resource());
                    }
                }, millis -> { }).read(null);
        assertThat(restarted).hasSize(ClusterReader.MAX_RESTARTS);
        assertThat(s.gaps()).contains(new CoverageGap("configmaps",
                "the list changed faster than it could be paged (410 Gone " + ClusterReader.MAX_RESTARTS + " times)"));
        // Nothing of the half-read list is kept.
        assertThat(find(s, "ConfigMap", "stale")).isNull();
        assertThat(s.counts()).doesNotContainKey("configmaps");
    }

    @Test
    void forbiddenAndUnservedKindsAreGapsAndTheRestIsRead() throws Exception {
        cluster.server.expect().get().withPath("/api/v1/secrets?limit=2")
                .andReturn(403, "{'kind':'Status','apiVersion':'v1','status':'Failure','reason':'Forbidden','code':403,'message':'secrets is forbidden: User \\'dev\\' cannot list resource \\'secrets\\''}".replace('\'', '"')).always();
        cluster.server.expect().get().withPath("/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies?limit=2")
                .andReturn(404, "{'kind':'Status','apiVersion':'v1','status':'Failure','reason':'NotFound','code':404}".replace('\'', '"')).always();
        cluster.create(json("{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'shop'}}"), null);
        ClusterSnapshot s = read(null);
        assertThat(s.gaps()).contains(new CoverageGap("secrets", "forbidden"),
                new CoverageGap("validatingadmissionpolicies.admissionregistration.k8s.io", "not served by this cluster"));
        assertThat(s.gaps().get(0).toString()).startsWith("not checked: ");
        assertThat(find(s, "Namespace", "shop")).isNotNull();
    }

    @Test
    void throttlingIsWaitedOutAsRetryAfterSaysAndTold() throws Exception {
        cluster.server.expect().get().withPath("/api/v1/limitranges?limit=2")
                .andReply(429, r -> "{'kind':'Status','code':429}".replace('\'', '"')).withHeader("Retry-After", "3").times(2);
        cluster.server.expect().get().withPath("/api/v1/limitranges?limit=2")
                .andReturn(200, "{'kind':'LimitRangeList','apiVersion':'v1','metadata':{},'items':[{'metadata':{'name':'lr','namespace':'x'}}]}".replace('\'', '"')).once();
        List<Long> waits = new CopyOnWriteArrayList<>();
        List<String> told = new CopyOnWriteArrayList<>();
        ClusterSnapshot s = new ClusterReader(cluster.connection("kind-test", 10), new ClusterReader.Options(2, 4, 10),
                new ClusterReader.Listener() {
                    @Override
                    public void throttled(ListedKind kind, long seconds) {
                        told.add(kind.resource() + " " + seconds);
                    }
                }, waits::add).read(null);
        assertThat(find(s, "LimitRange", "lr")).isNotNull();
        assertThat(waits).containsExactly(3000L, 3000L);
        assertThat(told).containsExactly("limitranges 3", "limitranges 3");
    }

    @Test
    void aKindStillThrottledAfterTheRetriesIsAGap() throws Exception {
        cluster.server.expect().get().withPath("/api/v1/resourcequotas?limit=2")
                .andReply(429, r -> "{}").withHeader("Retry-After", "600").always();
        List<Long> waits = new CopyOnWriteArrayList<>();
        ClusterSnapshot s = new ClusterReader(cluster.connection("kind-test", 10), new ClusterReader.Options(2, 4, 10), null,
                waits::add).read(null);
        // Retry-After honoured up to the cap, a bounded number of times.
        assertThat(waits).hasSize(ClusterReader.MAX_THROTTLE_RETRIES)
                .allMatch(w -> w == ClusterReader.MAX_RETRY_AFTER_SECONDS * 1000L);
        assertThat(s.gaps()).contains(new CoverageGap("resourcequotas",
                "still throttled (429 Too Many Requests) after " + ClusterReader.MAX_THROTTLE_RETRIES + " retries"));
    }

    @Test
    void aSlowKindIsAGapAfterTheRequestTimeout() throws Exception {
        cluster.server.expect().get().delay(4000).withPath("/api/v1/podtemplates?limit=2")
                .andReturn(200, "{'kind':'PodTemplateList','items':[]}".replace('\'', '"')).always();
        ClusterSnapshot s = new ClusterReader(cluster.connection("kind-test", 1), new ClusterReader.Options(2, 4, 1), null,
                millis -> { }).read(null);
        assertThat(s.gaps()).anyMatch(g -> g.what().equals("podtemplates") && g.reason().contains("no answer within 1 s"));
    }

    @Test
    void refusedCredentialsStopTheRead() {
        cluster.server.expect().get().withPath("/api/v1/pods?limit=2").andReturn(401, "{'kind':'Status','code':401,'message':'Unauthorized'}".replace('\'', '"')).always();
        assertThatThrownBy(() -> read(null)).isInstanceOf(ClusterConnection.ClusterException.class)
                .hasMessageContaining("401");
    }

    @Test
    void podsAndReplicaSetsOwnedByAReadControllerAreLeftOutBarePodsStay() throws Exception {
        String pod = "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'%s','ownerReferences':[%s]},'spec':{'containers':[{'name':'c','image':'busybox:1'}]}}";
        cluster.create(json("{'apiVersion':'apps/v1','kind':'ReplicaSet','metadata':{'name':'web-1','ownerReferences':[{'apiVersion':'apps/v1','kind':'Deployment','name':'web','uid':'u1','controller':true}]},"
                + "'spec':{'selector':{'matchLabels':{'a':'b'}},'template':{'metadata':{'labels':{'a':'b'}},'spec':{'containers':[{'name':'c','image':'busybox:1'}]}}}}"), "shop");
        cluster.create(json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
                + "'spec':{'selector':{'matchLabels':{'a':'b'}},'template':{'metadata':{'labels':{'a':'b'}},'spec':{'containers':[{'name':'c','image':'busybox:1'}]}}}}"), "shop");
        cluster.create(json(String.format(pod, "web-1-abc", "{'apiVersion':'apps/v1','kind':'ReplicaSet','name':'web-1','uid':'u2','controller':true}")), "shop");
        cluster.create(json(String.format(pod, "bare", "")), "shop");
        cluster.create(json(String.format(pod, "orphan", "{'apiVersion':'apps/v1','kind':'ReplicaSet','name':'gone','uid':'u3','controller':true}")), "shop");
        cluster.create(json(String.format(pod, "kube-apiserver-node1", "{'apiVersion':'v1','kind':'Node','name':'node1','uid':'u4','controller':true}")), "kube-system");
        ClusterSnapshot s = read(null);
        assertThat(s.resources().stream().filter(r -> r.kind().equals("Pod") || r.kind().equals("ReplicaSet")).map(Resource::name))
                .containsExactlyInAnyOrder("bare", "orphan", "kube-apiserver-node1");
        assertThat(find(s, "Deployment", "web")).isNotNull();
        assertThat(s.ownedCopies()).isEqualTo(2);
    }

    @Test
    void meshKindsAreReadWhenTheClusterServesTheirGroup() throws Exception {
        // MockCluster's discovery names the groups of the custom objects created, at their version.
        cluster.create(json("{'apiVersion':'security.istio.io/v1beta1','kind':'PeerAuthentication','metadata':{'name':'default'},"
                + "'spec':{'mtls':{'mode':'PERMISSIVE'}}}"), "istio-system");
        ClusterSnapshot s = read(null);
        Resource pa = find(s, "PeerAuthentication", "default");
        assertThat(pa).isNotNull();
        assertThat(pa.apiVersion()).isEqualTo("security.istio.io/v1beta1");
        assertThat(s.gaps()).noneMatch(g -> g.what().contains("destinationrules"));
    }

    @Test
    void versionsAsTheChecksTakeThem() {
        assertThat(new ClusterSnapshot("c", List.of(), List.of(), "v1.30.2-eks-1234", java.util.Map.of(), 0, 0)
                .kubernetesVersion()).isEqualTo("v1.30.2");
        assertThat(new ClusterSnapshot("c", List.of(), List.of(), "v1.29.3+k3s1", java.util.Map.of(), 0, 0)
                .kubernetesVersion()).isEqualTo("v1.29.3");
        assertThat(new ClusterSnapshot("c", List.of(), List.of(), "weird", java.util.Map.of(), 0, 0)
                .kubernetesVersion()).isNull();
        assertThat(ClusterReader.retryAfterSeconds(null)).isEqualTo(1);
        assertThat(ClusterReader.retryAfterSeconds("120")).isEqualTo(30);
        assertThat(ClusterReader.retryAfterSeconds("soon")).isEqualTo(1);
    }
}
