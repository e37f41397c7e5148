package dev.kubeward.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.audit.AuditStage;
import dev.kubeward.runtime.Coverage;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Whether an audit policy feeds each detection, for audit-policy and audit-log --policy. */
public final class CoverageOutput {
    private CoverageOutput() {}

    public static String label(Coverage.Status s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    /** "N detections: F fed, P partly fed, B blind; Falco rules that would misfire: M". */
    public static String summary(List<Coverage.Result> results) {
        long fed = results.stream().filter(r -> r.status() == Coverage.Status.FED).count();
        long partial = results.stream().filter(r -> r.status() == Coverage.Status.PARTIAL).count();
        long blind = results.stream().filter(r -> r.status() == Coverage.Status.BLIND).count();
        long misfire = results.stream().filter(Coverage.Result::falcoMisfires).count();
        return results.size() + " detections: " + fed + " fed, " + partial + " partly fed, " + blind + " blind"
                + (misfire == 0 ? "" : "; " + misfire + " whose Falco rules would fire on every matching request");
    }

    public static void text(List<Coverage.Result> results, PrintWriter out) {
        int width = results.stream().mapToInt(r -> r.detection().id().length()).max().orElse(10);
        for (Coverage.Result r : results) {
            String why = r.probes().stream().filter(p -> !p.fed())
                    .map(p -> p.watch().request().describe() + " as " + p.watch().request().user() + ": " + p.reason())
                    .collect(Collectors.joining("; "));
            out.printf("%-7s  %-" + width + "s  %s%s%n", r.status() == Coverage.Status.PARTIAL ? "PARTIAL" : label(r.status()).toUpperCase(Locale.ROOT),
                    r.detection().id(), why.isEmpty() ? "needs " + r.detection().level().label() : why,
                    r.falcoMisfires() ? " (Falco's " + String.join(", ", r.detection().falco()) + " would fire on every such request)" : "");
        }
    }

    public static void json(List<Coverage.Result> results, ArrayNode list) {
        for (Coverage.Result r : results) {
            ObjectNode n = list.addObject();
            n.put("detection", r.detection().id());
            n.put("status", label(r.status()));
            n.put("level", r.detection().level().label());
            ArrayNode stages = n.putArray("stages");
            r.detection().orderedStages().forEach(s -> stages.add(s.label()));
            n.put("falcoMisfires", r.falcoMisfires());
            ArrayNode probes = n.putArray("requests");
            for (Coverage.Probe p : r.probes()) {
                ObjectNode o = probes.addObject();
                o.put("request", p.watch().request().describe());
                o.put("user", p.watch().request().user());
                o.put("needs", p.watch().level().label());
                o.put("loggedLevel", p.logged().isEmpty() ? "None" : p.decision().level().label());
                ArrayNode logged = o.putArray("loggedStages");
                p.logged().stream().sorted().map(AuditStage::label).forEach(logged::add);
                if (p.decision().ruleIndex() < 0) {
                    o.putNull("rule");
                } else {
                    o.put("rule", p.decision().ruleIndex());
                }
                o.put("fed", p.fed());
                if (p.reason() == null) {
                    o.putNull("reason");
                } else {
                    o.put("reason", p.reason());
                }
            }
        }
    }
}
