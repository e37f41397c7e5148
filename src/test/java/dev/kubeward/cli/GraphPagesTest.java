package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rbac paths -f html} and {@code netpol reach -f html}: the engines' results drawn, escaped, self-contained. */
class GraphPagesTest {
    static final String RBAC = "src/test/resources/rbac-cli/shop";
    static final String NETPOL = "src/test/resources/netpol-cli/shop";

    static int attr(String html, String name) {
        Matcher m = Pattern.compile("<svg class=\"graph\"[^>]*" + name + "=\"(\\d+)\"").matcher(html);
        assertThat(m.find()).as(name).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void rbacPathsDrawEverySubjectsStepsToClusterAdmin() {
        CliRunner r = CliRunner.run("rbac", "paths", "--bootstrap", RBAC, "-f", "html");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        String html = r.out();
        HtmlReportTest.assertNoExternalReferences(html);
        assertThat(html).contains("<g class=\"node target\" data-id=\"cluster-admin\">");
        assertThat(html).contains("data-id=\"ServiceAccount ci/deployer\"").contains("data-id=\"ServiceAccount ops/admin\"");
        assertThat(html).contains("data-from=\"ServiceAccount ci/deployer\" data-to=\"ServiceAccount ops/admin\"");
        assertThat(html).contains("data-from=\"ServiceAccount ops/admin\" data-to=\"cluster-admin\"");
        assertThat(attr(html, "data-nodes")).isGreaterThanOrEqualTo(3);
        assertThat(attr(html, "data-edges")).isGreaterThanOrEqualTo(2);
        // Grouped by namespace: the ServiceAccounts sit in their namespace's band.
        assertThat(html).contains(">namespace ci</text>").contains(">namespace ops</text>");
        // The table names every step, with its grants.
        assertThat(html).contains("<td>ServiceAccount ci/deployer</td>");
    }

    @Test
    void identicalSubjectsAreOneBox(@TempDir Path dir) throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            yaml.append("""
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: admin-%d}
                    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                    subjects: [{kind: User, name: "ops-%d</script>", apiGroup: rbac.authorization.k8s.io}]
                    ---
                    """.formatted(i, i));
        }
        Files.writeString(dir.resolve("rbac.yaml"), yaml);
        String html = CliRunner.run("rbac", "paths", "--bootstrap", dir.toString(), "-f", "html").out();
        assertThat(html).contains("5 subjects: ops-0&lt;/script&gt; …");
        assertThat(HtmlReportTest.count(html, "<script")).isEqualTo(1);
        assertThat(attr(html, "data-nodes")).isEqualTo(2);
        assertThat(attr(html, "data-edges")).isEqualTo(1);
    }

    @Test
    void reachabilityMarksWhatTheInternetReachesAndGroupsByNamespace() {
        CliRunner r = CliRunner.run("netpol", "reach", NETPOL, "-f", "html");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String html = r.out();
        HtmlReportTest.assertNoExternalReferences(html);
        assertThat(html).contains("data-summary=\"connections\">8 allowed connections");
        // 0.0.0.0/0 reaches the frontend: the range is an internet node, the frontend marked exposed.
        assertThat(html).containsPattern("<g class=\"node internet\" data-id=\"c\\d+\"><title>0\\.0\\.0\\.0-255\\.255\\.255\\.255\\[External\\]");
        assertThat(html).containsPattern("<g class=\"node exposed\" data-id=\"c\\d+\"><title>shop/frontend\\[Deployment\\]");
        assertThat(html).contains("<li>shop/frontend[Deployment]</li>");
        assertThat(html).contains(">namespace shop</text>");
        assertThat(attr(html, "data-edges")).isPositive();
        // backend and db differ in their connections (5432 to db only): two boxes.
        assertThat(html).contains("<title>shop/backend[Deployment]</title>").contains("<title>shop/db[StatefulSet]</title>");
    }

    @Test
    void workloadsWithTheSameConnectionsAreOneBox(@TempDir Path dir) throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (String name : new String[] {"a", "b", "c"}) {
            yaml.append("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: %s, namespace: open}
                    spec:
                      selector: {matchLabels: {app: %s}}
                      template:
                        metadata: {labels: {app: %s}}
                        spec: {containers: [{name: c, image: x}]}
                    ---
                    """.formatted(name, name, name));
        }
        Files.writeString(dir.resolve("w.yaml"), yaml);
        String html = CliRunner.run("netpol", "reach", dir.toString(), "-f", "html").out();
        // Without a policy every workload reaches every other and the internet reaches them all:
        // one box for the three, one for the internet.
        assertThat(html).contains("<title>open/a[Deployment]\nopen/b[Deployment]\nopen/c[Deployment]\nreachable from the internet</title>")
                .contains("⚠ 3× a[Deployment] …");
        assertThat(attr(html, "data-nodes")).isEqualTo(2);
    }

    @Test
    void publicAndPrivateRanges() {
        assertThat(dev.kubeward.report.GraphPages.isPublic("0.0.0.0-255.255.255.255[External]")).isTrue();
        assertThat(dev.kubeward.report.GraphPages.isPublic("10.0.0.0-10.255.255.255[External]")).isFalse();
        assertThat(dev.kubeward.report.GraphPages.isPublic("192.168.1.0-192.168.1.255[External]")).isFalse();
        assertThat(dev.kubeward.report.GraphPages.isPublic("172.15.0.0-172.16.0.255[External]")).isTrue();
        assertThat(dev.kubeward.report.GraphPages.isPublic("fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External]")).isFalse();
        assertThat(dev.kubeward.report.GraphPages.isPublic("2001:db8::-2001:db8::ffff[External]")).isTrue();
    }
}
