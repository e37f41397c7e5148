package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.checks.network.NetpolModel;
import dev.kubeward.model.Container;
import dev.kubeward.model.Json;
import dev.kubeward.netpol.Direction;
import dev.kubeward.netpol.NetworkPolicy;
import dev.kubeward.netpol.PolicyPort;
import dev.kubeward.netpol.PolicyRule;
import dev.kubeward.netpol.Protocol;
import dev.kubeward.netpol.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@CheckInfo(
        id = "dockerfile-expose-undeclared",
        title = "A port the Dockerfile EXPOSEs is declared neither by the pod nor by a NetworkPolicy",
        severity = Severity.LOW,
        category = "Dockerfile and manifest",
        description = "The Dockerfile that builds a container's image (images.builds in the "
                + "configuration) EXPOSEs a port (EXPOSE 8080, 8080/tcp, 53/udp, ranges such "
                + "as 7000-7002, ARG and ENV values substituted; the final stage and the stages it builds FROM) that "
                + "no container of the pod lists in ports (containerPort and protocol) and that no ingress rule of a "
                + "NetworkPolicy selecting the pod names (a port, or a port to endPort range, of that protocol). A "
                + "rule without ports opens every port but names none, so it does not count. Regular containers and "
                + "sidecars only; an EXPOSE the Dockerfile does not determine is not judged. Reported on the "
                + "container's ports (or the container) and on the EXPOSE line, once per EXPOSE.",
        rationale = "The image listens on a port that the deployment does not account for: the port is reachable from "
                + "every pod that NetworkPolicies let through, yet nothing in the manifests says it is there, so "
                + "reviews, Service definitions and policies are written without it (a debug or admin listener is "
                + "the usual case).",
        remediation = "Declare the port in the container's ports (with its protocol) if it is meant to be served and "
                + "allow it in the NetworkPolicy; otherwise remove the EXPOSE and stop the listener in the image.",
        nsaCisa = "Network separation and hardening: network policies")
public final class DockerfileExposeUndeclared extends BuildJoinCheck {
    private static final Pattern PORT = Pattern.compile("([0-9]+)(?:-([0-9]+))?(?:/([A-Za-z]+))?");

    /** A port or range of one protocol. */
    record Ports(int first, int last, Protocol protocol) {
        boolean contains(int port, Protocol p) {
            return p == protocol && port >= first && port <= last;
        }

        @Override
        public String toString() {
            return (first == last ? first + "" : first + "-" + last) + "/" + protocol.name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    List<Problem> problems(BuildJoins.Join join, CheckContext context) {
        Container c = join.container();
        if (!keepsRunning(c)) {
            return List.of();
        }
        List<Problem> out = new ArrayList<>();
        List<PolicyPort> opened = null;
        for (DockerfileView.Stage stage : join.dockerfile().finalStage().lineage()) {
            List<DockerfileView.Step> steps = stage.instructions();
            for (int i = 0; i < steps.size(); i++) {
                DockerfileView.Step s = steps.get(i);
                if (!s.is("EXPOSE")) {
                    continue;
                }
                Optional<String> resolved = stage.substitute(i, s.arguments());
                if (resolved.isEmpty()) {
                    continue;
                }
                if (opened == null) {
                    opened = openedByPolicies(join, context);
                }
                List<String> undeclared = new ArrayList<>();
                for (String word : resolved.get().strip().split("\\s+")) {
                    Optional<Ports> ports = parse(word);
                    if (ports.isEmpty()) {
                        continue;
                    }
                    for (Ports left : uncovered(ports.get(), join, opened)) {
                        undeclared.add(left.toString());
                    }
                }
                if (!undeclared.isEmpty()) {
                    boolean hasPorts = c.node().path("ports").isArray();
                    String list = String.join(", ", undeclared);
                    out.add(new Problem(hasPorts ? c.path().key("ports") : c.path(), s,
                            "declares no port " + list + " and no NetworkPolicy ingress rule selecting the pod names it",
                            "EXPOSE " + s.arguments().strip(), "the image listens on " + list
                                    + ", which the manifests do not account for"));
                }
            }
        }
        return out;
    }

    /**
     * One EXPOSE word as BuildKit reads it: {@code PORT[-END][/PROTO]}, protocol tcp (the default),
     * udp or sctp in any case. Anything else (a host mapping, a bad number) is not judged here.
     */
    static Optional<Ports> parse(String word) {
        Matcher m = PORT.matcher(word);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int first = Integer.parseInt(m.group(1));
            int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
            String proto = m.group(3) == null ? "tcp" : m.group(3).toLowerCase(Locale.ROOT);
            if (first < 1 || last > 65535 || last < first || !List.of("tcp", "udp", "sctp").contains(proto)) {
                return Optional.empty();
            }
            return Optional.of(new Ports(first, last, Protocol.valueOf(proto.toUpperCase(Locale.ROOT))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The parts of {@code ports} that neither a container port of the pod nor an opened policy port covers. */
    private static List<Ports> uncovered(Ports ports, BuildJoins.Join join, List<PolicyPort> opened) {
        List<Ports> out = new ArrayList<>();
        int start = -1;
        for (int p = ports.first(); p <= ports.last(); p++) {
            boolean covered = declared(join, p, ports.protocol()) || opens(opened, p, ports.protocol());
            if (!covered && start < 0) {
                start = p;
            }
            if (covered && start >= 0) {
                out.add(new Ports(start, p - 1, ports.protocol()));
                start = -1;
            }
        }
        if (start >= 0) {
            out.add(new Ports(start, ports.last(), ports.protocol()));
        }
        return out;
    }

    private static boolean declared(BuildJoins.Join join, int port, Protocol protocol) {
        for (Container other : join.pod().containers()) {
            for (com.fasterxml.jackson.databind.JsonNode p : other.node().path("ports")) {
                java.util.OptionalLong number = Json.integer(p.get("containerPort"));
                if (number.isEmpty() || number.getAsLong() != port) {
                    continue;
                }
                try {
                    if (Protocol.parse(Json.text(p.get("protocol"))) == protocol) {
                        return true;
                    }
                } catch (IllegalArgumentException unsupported) {
                    // another check reports an unknown protocol; it declares nothing here
                }
            }
        }
        return false;
    }

    private static boolean opens(List<PolicyPort> opened, int port, Protocol protocol) {
        for (PolicyPort pp : opened) {
            if (pp.protocol() == protocol && pp.port() != null && port >= pp.port()
                    && port <= (pp.endPort() == null ? pp.port() : pp.endPort())) {
                return true;
            }
        }
        return false;
    }

    /** The numbered ports of the ingress rules of the policies that select the workload's pods. */
    private static List<PolicyPort> openedByPolicies(BuildJoins.Join join, CheckContext context) {
        NetpolModel model = NetpolModel.of(context.inventory());
        List<PolicyPort> out = new ArrayList<>();
        for (Workload w : model.cluster().workloads()) {
            if (model.resourceOf(w).orElse(null) != join.workload()) {
                continue;
            }
            for (NetworkPolicy policy : model.cluster().policies()) {
                if (!policy.isolates(Direction.INGRESS) || !policy.selects(w)) {
                    continue;
                }
                for (PolicyRule rule : policy.rules(Direction.INGRESS)) {
                    out.addAll(rule.ports());
                }
            }
        }
        return out;
    }
}
