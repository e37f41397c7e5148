package dev.kubeward.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.audit.AuditPolicy;
import dev.kubeward.audit.AuditPolicyReader;
import dev.kubeward.audit.AuditRequest;
import dev.kubeward.audit.AuditSimulation;
import dev.kubeward.audit.AuditStage;
import dev.kubeward.audit.PolicyProblem;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.ConfigException;
import dev.kubeward.model.Resource;
import dev.kubeward.report.CoverageOutput;
import dev.kubeward.report.JsonDocuments;
import dev.kubeward.runtime.Coverage;
import dev.kubeward.runtime.Detections;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "audit-policy", sortOptions = false,
        description = {
            "Simulate an API server audit policy (audit.k8s.io/v1 Policy, the --audit-policy-file) over a catalogue of security-relevant requests: RBAC changes, exec, attach, port-forward, debug containers, pod, CronJob, Deployment, scale and node changes, token requests and secret reads, by a person and by a service account.",
            "",
            "It also says, for each runtime detection (kubeward detections), whether the policy feeds it: fed, partly fed or blind, from the level and stages it needs for the requests it watches; and where the corresponding Falco rules would fire on every such request instead.",
            "",
            "For each request: the level and stages it would be logged at and the rule that decides (first match wins; no match means None). DROPPED requests leave no audit record, TOO-LOW ones are logged below the level that shows what was done, LEAKS ones put secret material from a body into the log.",
            "",
            "Exit code 1 when any security-relevant request is dropped, 0 otherwise, 2 when the file cannot be read or the API server would reject the policy."
        },
        footer = {"", "Example:", "  kubeward audit-policy /etc/kubernetes/audit-policy.yaml --format json"})
final class AuditPolicyCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Parameters(paramLabel = "POLICY", arity = "1", description = "the audit policy file, or - for standard input")
    String file;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    @Override
    public List<String> formats() {
        return List.of("text", "json");
    }

    @Override
    public Integer call() throws IOException {
        String format = output.format();
        PrintWriter err = spec.commandLine().getErr();
        ConfigFiles.Loaded config;
        try {
            config = configOptions.load(CheckRegistry.builtIn().ids(), output);
        } catch (ConfigException e) {
            err.println(e);
            return ExitCodes.USAGE;
        }
        AuditPolicy policy = readPolicy(file, err);
        if (policy == null) {
            return ExitCodes.USAGE;
        }
        List<AuditSimulation.Outcome> outcomes = AuditSimulation.run(policy);
        List<Coverage.Result> coverage = Coverage.of(policy, Detections.builtIn());
        output.write(out -> {
            if (format.equals("json")) {
                ObjectNode root = JsonOutput.header(config);
                CoverageOutput.json(coverage, root.putArray("detections"));
                writeJson(outcomes, root, out);
            } else {
                writeText(outcomes, coverage, output.quiet, out);
            }
        });
        return outcomes.stream().anyMatch(AuditSimulation.Outcome::dropped) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** The policy of a file, or null after saying on {@code err} why it cannot be used. */
    static AuditPolicy readPolicy(String file, PrintWriter err) throws IOException {
        LoadResult loaded = new ManifestLoader().load(List.of(file));
        loaded.errors().forEach(err::println);
        if (!loaded.errors().isEmpty()) {
            return null;
        }
        Optional<Resource> policyObject = loaded.resources().stream().filter(AuditPolicyReader::isAuditPolicy).findFirst();
        if (policyObject.isEmpty()) {
            err.println(file + ": no audit.k8s.io Policy in the file");
            return null;
        }
        Resource resource = policyObject.get();
        AuditPolicyReader.Result read = AuditPolicyReader.read(resource.object());
        if (!read.valid()) {
            for (PolicyProblem p : read.problems()) {
                err.println(resource.origin().file() + ":" + resource.locate(p.path()).line() + ": " + p.message());
            }
            err.println("the API server would refuse this policy; nothing simulated");
            return null;
        }
        return read.policy();
    }

    private static String statusLabel(AuditSimulation.Status s) {
        return switch (s) {
            case RECORDED -> "ok";
            case NOT_LEAKED -> "ok";
            case TOO_LOW -> "TOO-LOW";
            case DROPPED -> "DROPPED";
            case LEAKS_BODY -> "LEAKS";
        };
    }

    private static String stages(AuditSimulation.Outcome o) {
        Set<AuditStage> logged = o.decision().loggedStages(o.event().request());
        return logged.isEmpty() ? "-" : logged.stream().map(AuditStage::label).collect(Collectors.joining(","));
    }

    private static String rule(AuditSimulation.Outcome o) {
        return o.decision().ruleIndex() < 0 ? "none" : String.valueOf(o.decision().ruleIndex());
    }

    private static void writeText(List<AuditSimulation.Outcome> outcomes, List<Coverage.Result> coverage, boolean quiet,
            PrintWriter out) {
        if (!quiet) {
            out.printf("%-8s %-16s %-48s %-5s %s%n", "STATUS", "LEVEL", "STAGES", "RULE", "REQUEST (EVENT)");
        }
        for (AuditSimulation.Outcome o : quiet ? List.<AuditSimulation.Outcome>of() : outcomes) {
            AuditRequest r = o.event().request();
            out.printf("%-8s %-16s %-48s %-5s %s as %s (%s)%n", statusLabel(o.status()), o.decision().level().label(),
                    stages(o), rule(o), r.describe(), r.user(), o.event().id());
        }
        Map<AuditSimulation.Status, Long> counts = outcomes.stream()
                .collect(Collectors.groupingBy(AuditSimulation.Outcome::status, Collectors.counting()));
        long required = outcomes.stream().filter(o -> o.event().required()).count();
        if (!quiet) {
            out.println();
        }
        if (!quiet) {
            out.println("Runtime detections (kubeward audit-log) this policy feeds:");
            CoverageOutput.text(coverage, out);
            out.println();
        }
        out.println(required + " security-relevant requests: " + counts.getOrDefault(AuditSimulation.Status.DROPPED, 0L)
                + " dropped, " + counts.getOrDefault(AuditSimulation.Status.TOO_LOW, 0L) + " too low, "
                + counts.getOrDefault(AuditSimulation.Status.LEAKS_BODY, 0L) + " leaking secret bodies ("
                + (outcomes.size() - required) + " more requests probed for leaks only); " + CoverageOutput.summary(coverage));
    }

    private static void writeJson(List<AuditSimulation.Outcome> outcomes, ObjectNode root, PrintWriter out)
            throws IOException {
        ArrayNode list = root.putArray("results");
        for (AuditSimulation.Outcome o : outcomes) {
            AuditRequest r = o.event().request();
            ObjectNode n = list.addObject();
            n.put("event", o.event().id());
            n.put("title", o.event().title());
            n.put("required", o.event().required());
            ObjectNode req = n.putObject("request");
            req.put("user", r.user());
            r.groups().forEach(req.putArray("userGroups")::add);
            req.put("verb", r.verb());
            req.put("apiGroup", r.apiGroup());
            req.put("resource", r.resource());
            req.put("subresource", r.subresource());
            req.put("namespace", r.namespace());
            req.put("name", r.name());
            n.put("level", o.decision().level().label());
            ArrayNode stages = n.putArray("stages");
            o.decision().loggedStages(r).forEach(s -> stages.add(s.label()));
            if (o.decision().ruleIndex() < 0) {
                n.putNull("rule");
            } else {
                n.put("rule", o.decision().ruleIndex());
            }
            n.put("needed", o.event().needed().label());
            n.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        // Every status, zero or not, so that a consumer need not know which can be missing.
        ObjectNode summary = root.putObject("summary");
        for (AuditSimulation.Status status : AuditSimulation.Status.values()) {
            summary.put(status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    outcomes.stream().filter(o -> o.status() == status).count());
        }
        JsonDocuments.write(root, out);
    }
}
