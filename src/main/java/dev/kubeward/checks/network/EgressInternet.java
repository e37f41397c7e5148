package dev.kubeward.checks.network;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.netpol.IpBlock;
import dev.kubeward.netpol.IpRange;
import dev.kubeward.netpol.NetworkPolicy;
import dev.kubeward.netpol.PolicyPeer;
import dev.kubeward.netpol.PolicyRule;
import dev.kubeward.netpol.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

@CheckInfo(
        id = "netpol-egress-internet",
        title = "NetworkPolicy allows egress outside the cluster",
        severity = Severity.MEDIUM,
        category = "Network policies",
        description = "An egress rule of a policy that isolates Egress and selects at least one workload of the input "
                + "lets those pods connect to addresses outside the cluster: the rule has no to (every destination), "
                + "or a peer is an ipBlock (ipBlocks only ever name addresses outside the pod network). Medium when "
                + "the addresses include public ones, the cloud metadata range 169.254.0.0/16 included; low when the "
                + "block lies inside private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), which are "
                + "usually company networks. Workloads no policy isolates for egress are reported by "
                + "netpol-workload-unisolated instead. Runs only when the input has workloads.",
        rationale = "Egress to the internet is the path of exfiltration, command and control and tool download; "
                + "egress to 169.254.169.254 reaches the cloud provider's credentials.",
        remediation = "Send outbound traffic through an egress proxy or gateway and allow only its address, or list "
                + "the exact CIDRs and ports of the external services the workload calls; add except entries for "
                + "169.254.169.254/32 and internal ranges a broad block would include.",
        cis = "5.3.2",
        nsaCisa = "Network separation and hardening: network policies",
        mitre = {"T1041", "T1071", "T1552.005"})
public final class EgressInternet extends ModelCheck {
    private static final List<IpRange> PRIVATE = Stream.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "fc00::/7").map(IpRange::parseCidr).toList();

    @Override
    protected List<Located> findings(NetpolModel model) {
        List<Located> out = new ArrayList<>();
        for (NetworkPolicy policy : model.cluster().policies()) {
            List<Workload> selected = model.analysis().workloadsSelectedBy(policy);
            if (!policy.isolatesEgress() || selected.isEmpty()) {
                continue;
            }
            String who = describe(selected);
            model.resourceOf(policy).ifPresent(r -> {
                for (PolicyRule rule : policy.egressRules()) {
                    String where = "NetworkPolicy " + policy.id() + " egress rule #" + rule.index() + " lets " + who;
                    String ports = rule.ports().isEmpty() ? "on every port" : "on " + rule.ports();
                    if (rule.allowsAllPeers()) {
                        out.add(new Located(r, JsonPath.parse(rule.path()), Severity.MEDIUM,
                                where + " connect to every address, the internet included, " + ports
                                        + " (to is absent or empty)"));
                    }
                    for (PolicyPeer peer : rule.peers()) {
                        if (peer.isIpBlock()) {
                            IpBlock block = peer.ipBlock();
                            boolean privateOnly = PRIVATE.stream().anyMatch(p -> p.contains(block.range()));
                            out.add(new Located(r, JsonPath.parse(peer.path()).key("ipBlock").key("cidr"),
                                    privateOnly ? Severity.LOW : Severity.MEDIUM,
                                    where + " connect to " + block.cidr()
                                            + (block.except().isEmpty() ? "" : " except " + block.except())
                                            + (privateOnly ? " (private addresses outside the cluster) "
                                            : " (public addresses) ") + ports));
                        }
                    }
                }
            });
        }
        return out;
    }

    private static String describe(List<Workload> workloads) {
        String names = String.join(", ", workloads.stream().limit(3).map(Workload::id).toList());
        return workloads.size() > 3 ? names + " and " + (workloads.size() - 3) + " more" : names;
    }
}
