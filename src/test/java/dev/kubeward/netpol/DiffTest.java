package dev.kubeward.netpol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiffTest {

    @Test
    void reportsChangedAddedAndRemovedPairsBetweenTwoModels() {
        List<Connection> before = Reachability.compute(Fixtures.resource("minimal.yaml"));
        // Frontend only from in-namespace pods, DNS over TCP too, backend no longer egress-isolated.
        String tightened = Fixtures.resourceText("minimal.yaml")
                .replaceFirst("policyTypes: \\[Ingress, Egress\\]", "policyTypes: [Ingress]")
                .replace("ports: [{port: 8080, protocol: TCP}]", "from: [{podSelector: {}}]\n    ports: [{port: 8080, protocol: TCP}]")
                .replace("ports: [{port: 53, protocol: UDP}]", "ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]");
        List<Connection> after = Reachability.compute(Fixtures.load(tightened));
        List<DiffEntry> diff = Reachability.diff(before, after);
        assertThat(diff).extracting(DiffEntry::toString).containsExactly(
                "diff-type: changed, source: default/frontend[Deployment], destination: 0.0.0.0-255.255.255.255[External],"
                        + " dir1: UDP 53, dir2: TCP 53,UDP 53",
                "diff-type: added, source: default/backend[Deployment], destination: 0.0.0.0-255.255.255.255[External],"
                        + " dir1: No Connections, dir2: All Connections",
                "diff-type: added, source: default/backend[Deployment], destination: default/frontend[Deployment],"
                        + " dir1: No Connections, dir2: TCP 8080",
                "diff-type: removed, source: 0.0.0.0-255.255.255.255[External], destination: default/frontend[Deployment],"
                        + " dir1: TCP 8080, dir2: No Connections",
                "diff-type: removed, source: {ingress-controller}, destination: default/frontend[Deployment],"
                        + " dir1: TCP 8080, dir2: No Connections");
    }

    @Test
    void identicalListsHaveNoDiff() {
        List<Connection> lines = Reachability.compute(Fixtures.resource("minimal.yaml"));
        assertThat(Reachability.diff(lines, lines)).isEmpty();
    }
}
