package dev.kubeward.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.ConfigException;
import dev.kubeward.model.FieldError;
import dev.kubeward.model.FieldTypes;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import dev.kubeward.pss.Level;
import dev.kubeward.pss.PssEvaluator;
import dev.kubeward.pss.PssVersion;
import dev.kubeward.pss.Verdict;
import dev.kubeward.pss.Violation;
import dev.kubeward.report.JsonDocuments;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "pss", sortOptions = false,
        description = {
            "Evaluate pod templates against a Pod Security Standards level, offline, with the verdicts of the pod-security-admission library: which workloads would the built-in admission controller reject if the namespace were labelled enforce=LEVEL, enforce-version=VERSION?",
            "",
            "Every pod-bearing object is evaluated (Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ReplicationController, PodTemplate, the operator kinds kubeward knows and the configuration's workloadKinds), each of its pod templates once. Exit code 1 when any is not allowed."
        },
        footer = {"", "Examples:", "  kubeward pss k8s/ --level restricted --pss-version v1.30 --format json",
            "  kubeward pss --cluster --kube-context prod -n shop --level restricted"})
final class PssCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "files, directories or - (default: the current directory)")
    List<String> paths;

    @Option(names = {"-l", "--level"}, required = true, paramLabel = "LEVEL", description = "privileged, baseline or restricted")
    String level;

    @Option(names = "--pss-version", paramLabel = "VERSION", description = "the policy version, as in enforce-version: v1.0 … v1.N, or latest (default: latest)")
    String version;

    /** The old spelling, which read as kubeward's own version: still accepted, with a note. */
    @Option(names = "--version", hidden = true, paramLabel = "VERSION")
    String deprecatedVersion;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    ManifestOptions.Standard manifests;

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public List<String> formats() {
        return List.of("text", "json");
    }

    /** @param template where the pod template stands, when the object carries several; else null */
    private record Result(Resource resource, String template, Verdict verdict) {}

    @Override
    public Integer call() throws IOException {
        String format = output.format();
        PrintWriter err = spec.commandLine().getErr();
        if (deprecatedVersion != null) {
            if (version != null) {
                throw new ParameterException(spec.commandLine(), "--version is the old spelling of --pss-version; give one of them");
            }
            output.note("kubeward: warning: 'pss --version' is deprecated (it reads as kubeward's own version); use --pss-version");
            version = deprecatedVersion;
        }
        Level lvl;
        PssVersion ver;
        try {
            // Case-insensitive on the command line, as every enumerated value; the engine reads
            // namespace labels, which the admission controller takes in lowercase only.
            lvl = Level.parse(level.trim().toLowerCase(Locale.ROOT));
            ver = PssVersion.parse(version == null ? "latest" : version.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ConfigFiles.Loaded config;
        try {
            config = configOptions.load(CheckRegistry.builtIn().ids(), output);
        } catch (ConfigException e) {
            err.println(e);
            return ExitCodes.USAGE;
        }
        cluster.check(spec, manifests.namespace(), paths != null && !paths.isEmpty());
        List<String> inputs = paths == null || paths.isEmpty() ? List.of(".") : paths;
        LoadResult loaded = cluster.loadOr(() -> ManifestOptions.report(
                new ManifestLoader(manifests.read(config, Main.environment(spec))).load(inputs), inputs, output),
                manifests.namespace(), output, err);
        if (loaded == null) {
            return ExitCodes.USAGE;
        }
        PssEvaluator evaluator = PssEvaluator.standard();
        List<Result> results = new ArrayList<>();
        List<InputError> errors = new ArrayList<>(loaded.errors());
        int invalid = 0;
        Inventory scanned = new Inventory(loaded.resources(), config.config().workloadKinds());
        for (Resource r : scanned.all()) {
            List<PodTemplate> pods = scanned.podTemplates(r);
            // A pod the API server cannot decode is never admitted nor refused by Pod Security: it is
            // an input error, and the rest is still evaluated (as scan's workload-invalid reports it).
            List<FieldError> typeErrors = FieldTypes.ofWorkload(r, scanned);
            if (!typeErrors.isEmpty()) {
                invalid += Math.max(pods.size(), 1);
                for (FieldError e : typeErrors) {
                    errors.add(new InputError(r.origin().file(), r.locate(e.path()).line(),
                            r.displayName() + ": " + e.path() + ": " + e.message()));
                }
                continue;
            }
            for (PodTemplate p : pods) {
                String template = pods.size() == 1 ? null : p.specPath().parent().toString();
                results.add(new Result(r, template, evaluator.evaluate(lvl, ver, p)));
            }
        }
        errors.forEach(err::println);
        int notEvaluated = invalid;
        output.write(out -> {
            if (format.equals("json")) {
                writeJson(results, notEvaluated, lvl, ver, errors, JsonOutput.header(config, output), out);
            } else {
                writeText(results, notEvaluated, lvl, ver, output.quiet, out);
            }
        });
        if (!errors.isEmpty()) {
            return ExitCodes.USAGE;
        }
        return results.stream().allMatch(r -> r.verdict().allowed()) ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private static void writeText(List<Result> results, int invalid, Level lvl, PssVersion ver, boolean quiet, PrintWriter out) {
        int rejected = 0;
        for (Result r : results) {
            if (!r.verdict().allowed()) {
                rejected++;
            }
            if (quiet) {
                continue;
            }
            Resource res = r.resource();
            String where = res.origin().where(res.locate(JsonPath.ROOT).line());
            out.println((r.verdict().allowed() ? "allowed   " : "REJECTED  ") + res.displayName()
                    + (r.template() == null ? "" : " " + r.template()) + "  " + where);
            for (Violation v : r.verdict().violations()) {
                String line = v.paths().isEmpty() ? ""
                        : res.origin().isLive() ? " (" + v.paths().get(0) + ")"
                        : " (line " + res.locate(JsonPath.parse(v.paths().get(0))).line() + ")";
                out.println("    " + v.control() + ": " + v.reason() + " — " + v.detail() + line);
            }
        }
        out.println(results.size() + " pod templates at " + lvl.label() + ":" + ver + ": "
                + (results.size() - rejected) + " allowed, " + rejected + " rejected"
                + (invalid == 0 ? "" : "; " + invalid + " not evaluated (the API server cannot decode them: see the errors)"));
        out.flush();
    }

    private static void writeJson(List<Result> results, int invalid, Level lvl, PssVersion ver, List<InputError> errors,
            ObjectNode root, PrintWriter out) throws IOException {
        root.put("level", lvl.label());
        root.put("pssVersion", ver.toString());
        ArrayNode list = root.putArray("results");
        for (Result r : results) {
            ObjectNode n = list.addObject();
            n.put("file", r.resource().origin().file());
            n.put("line", r.resource().locate(JsonPath.ROOT).line());
            n.put("kind", r.resource().kind());
            n.put("namespace", r.resource().namespace());
            n.put("name", r.resource().name());
            if (r.template() != null) {
                n.put("template", r.template());
            }
            n.put("allowed", r.verdict().allowed());
            ArrayNode vs = n.putArray("violations");
            for (Violation v : r.verdict().violations()) {
                ObjectNode vn = vs.addObject();
                vn.put("control", v.control());
                vn.put("reason", v.reason());
                vn.put("detail", v.detail());
                ArrayNode paths = vn.putArray("paths");
                v.paths().forEach(paths::add);
            }
        }
        long rejected = results.stream().filter(r -> !r.verdict().allowed()).count();
        root.putObject("summary").put("podTemplates", results.size()).put("allowed", results.size() - rejected)
                .put("rejected", rejected).put("invalid", invalid);
        JsonOutput.errors(root, errors);
        JsonDocuments.write(root, out);
    }
}
