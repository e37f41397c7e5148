package dev.kubeward.netpol;

import dev.kubeward.model.LabelSelector;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpRangeTest {

    @Test
    void parsesIpv4CidrAndPrintsRange() {
        assertThat(IpRange.parseCidr("10.0.0.0/8")).hasToString("10.0.0.0-10.255.255.255");
        assertThat(IpRange.parseCidr("0.0.0.0/0")).hasToString("0.0.0.0-255.255.255.255");
        assertThat(IpRange.parseCidr("192.168.1.7/32")).hasToString("192.168.1.7-192.168.1.7");
    }

    @Test
    void parsesIpv6CidrAndCompressesZeros() {
        assertThat(IpRange.parseCidr("::/0")).hasToString("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        assertThat(IpRange.parseCidr("2001:db8::/32")).hasToString("2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
    }

    @Test
    void rejectsMalformedCidrs() {
        assertThatThrownBy(() -> IpRange.parseCidr("10.0.0.0")).hasMessageContaining("missing prefix");
        assertThatThrownBy(() -> IpRange.parseCidr("10.0.0.0/33")).hasMessageContaining("prefix out of range");
        assertThatThrownBy(() -> IpRange.parseCidr("example.com/8")).hasMessageContaining("invalid IP address");
    }

    @Test
    void carvesDisjointAtomsFromBlocksAndExcepts() {
        NetworkPolicy policy = new NetworkPolicy("ns", "p", LabelSelector.EVERYTHING, false, true, List.of(),
                List.of(new PolicyRule(Direction.EGRESS, 0, "spec.egress[0]",
                        List.of(new PolicyPeer("spec.egress[0].to[0]", null, null,
                                IpBlock.of("10.0.0.0/8", List.of("10.1.0.0/16")))), List.of())), null);
        assertThat(Reachability.carveExternalAtoms(List.of(policy), Direction.EGRESS)).extracting(IpRange::toString)
                .containsExactly("0.0.0.0-9.255.255.255", "10.0.0.0-10.0.255.255", "10.1.0.0-10.1.255.255",
                        "10.2.0.0-10.255.255.255", "11.0.0.0-255.255.255.255");
        // Sources are cut by ingress rules only (netpol-analyzer's getDisjointIPBlocks).
        assertThat(Reachability.carveExternalAtoms(List.of(policy), Direction.INGRESS)).extracting(IpRange::toString)
                .containsExactly("0.0.0.0-255.255.255.255");
    }

    @Test
    void rejectsAddressesGoDoesNotParse() {
        // InetAddress would read "10" as 0.0.0.10 and "10.1" as 10.0.0.1; net.ParseCIDR rejects both.
        assertThatThrownBy(() -> IpRange.parseCidr("10/8")).hasMessageContaining("invalid IP address");
        assertThatThrownBy(() -> IpRange.parseCidr("10.1/16")).hasMessageContaining("invalid IP address");
        assertThatThrownBy(() -> IpRange.parseCidr("10.0.0.0/+8")).hasMessageContaining("bad prefix length");
        assertThatThrownBy(() -> IpRange.parseCidr("10.0.0.256/8")).hasMessageContaining("invalid IP address");
        assertThat(IpRange.parseCidr("10.1.2.3/8")).hasToString("10.0.0.0-10.255.255.255");
    }

    @Test
    void withoutIpBlocksTheWholeIpv4SpaceIsOneAtom() {
        assertThat(Reachability.carveExternalAtoms(List.of(), Direction.INGRESS)).extracting(IpRange::toString)
                .containsExactly("0.0.0.0-255.255.255.255");
    }
}
