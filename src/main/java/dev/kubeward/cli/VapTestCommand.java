package dev.kubeward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.checks.rbac.RbacScan;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.AdmissionRequest;
import dev.kubeward.policy.AdmissionResult;
import dev.kubeward.policy.MutatingPolicySet;
import dev.kubeward.policy.PolicyReader;
import dev.kubeward.policy.cel.CelVersion;
import dev.kubeward.policy.offline.InventoryContext;
import dev.kubeward.policy.offline.PolicyInput;
import dev.kubeward.policy.offline.RbacAuthorizer;
import dev.kubeward.policy.offline.Requests;
import dev.kubeward.policy.offline.ResourceMapping;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "test", sortOptions = false,
        description = {
            "Unit-test admission policies: every object under --objects is an admission request, answered by the policies as the API server would answer it.",
            "",
            "Namespaces, params and RBAC objects found among the policies and objects are the cluster: namespaceSelector, paramRef and the authorizer resolve against them. On UPDATE, --old holds each object's previous version (same kind, namespace and name); on DELETE, --old holds the objects being deleted and --objects only the context. MutatingAdmissionPolicies are applied first (JSONPatch), and the validating policies then see the mutated object.",
            "",
            "Exit codes: 0 every request admitted (warnings included), 1 a request denied, 2 a policy or input error."
        },
        footer = {"", "Examples:",
            "  kubeward vap test policies/ --objects test/objects/",
            "  kubeward vap test policy.yaml --objects new/ --old old/ --operation UPDATE --format json"})
final class VapTestCommand implements Callable<Integer>, OutputOptions.Reporting {

    enum Operation { CREATE, UPDATE, DELETE }

    @Parameters(paramLabel = "POLICIES", arity = "1..*", description = "files or directories with the policies and bindings")
    List<String> policies;

    @Option(names = "--objects", required = true, paramLabel = "DIR", description = "the objects to admit (files or directories)")
    List<String> objects;

    @Option(names = "--old", paramLabel = "DIR", description = "the previous versions (UPDATE) or the objects deleted (DELETE)")
    List<String> old;

    @Option(names = "--operation", defaultValue = "CREATE", description = "CREATE, UPDATE or DELETE (default: ${DEFAULT-VALUE})")
    Operation operation;

    @Option(names = "--kubernetes-version", paramLabel = "VERSION", description = "the API server's version, for the CEL libraries it has (default: kubernetesVersion of the configuration, else 1.36, the newest kubeward knows)")
    String kubernetesVersion;

    @Option(names = "--as", paramLabel = "USER", defaultValue = "kubeward", description = "the user making the requests (default: ${DEFAULT-VALUE}, a plain authenticated user)")
    String user;

    @Option(names = "--as-group", paramLabel = "GROUP", description = "a group of the user (repeatable); system:authenticated is always added")
    List<String> groups;

    @picocli.CommandLine.Mixin
    OutputOptions output;

    @picocli.CommandLine.Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<String> formats() {
        return List.of("text", "json");
    }

    @Override
    public Integer call() throws Exception {
        String format = output.format();
        PrintWriter err = spec.commandLine().getErr();
        String configured;
        ConfigFiles.Loaded loadedConfig;
        try {
            loadedConfig = configOptions.load(dev.kubeward.check.CheckRegistry.builtIn().ids(), output);
            configured = loadedConfig.config().setting("kubernetesVersion", null);
        } catch (dev.kubeward.check.ConfigException e) {
            err.println(e);
            return ExitCodes.USAGE;
        }
        CelVersion version = configured == null ? CelVersion.NEWEST : CelVersion.parse(configured);
        if (version == null) {
            version = CelVersion.NEWEST;
        }
        if (kubernetesVersion != null) {
            version = CelVersion.parse(kubernetesVersion);
            if (version == null) {
                err.println("kubeward: --kubernetes-version must be a version such as v1.33 or 1.33.4, not '" + kubernetesVersion + "'");
                return ExitCodes.USAGE;
            }
        }
        if (operation != Operation.CREATE && (old == null || old.isEmpty())) {
            err.println("kubeward: --operation " + operation + " needs --old");
            return ExitCodes.USAGE;
        }
        ManifestLoader loader = new ManifestLoader();
        LoadResult policyLoad = loader.load(policies);
        LoadResult objectLoad = loader.load(objects);
        LoadResult oldLoad = old == null ? LoadResult.EMPTY : loader.load(old);
        ManifestOptions.report(policyLoad.plus(objectLoad).plus(oldLoad), output);
        List<InputError> errors = new ArrayList<>();
        errors.addAll(policyLoad.errors());
        errors.addAll(objectLoad.errors());
        errors.addAll(oldLoad.errors());

        PolicyInput input = new PolicyInput(policyLoad.resources(), version);
        errors.addAll(input.errors());
        if (input.isEmpty()) {
            errors.add(new InputError(String.join(", ", policies), 0, "no ValidatingAdmissionPolicy, MutatingAdmissionPolicy or binding found"));
        }
        List<Resource> context = new ArrayList<>(policyLoad.resources());
        context.addAll(objectLoad.resources());
        ResourceMapping mapping = new ResourceMapping(context);
        Inventory inventory = new Inventory(context);
        InventoryContext ctx = new InventoryContext(context, mapping, new RbacAuthorizer(RbacScan.of(inventory).model()));
        MutatingPolicySet mutating = MutatingPolicySet.of(input.mutatingPolicies(), input.mutatingBindings(), version);
        for (var e : mutating.compileErrors()) {
            Resource r = input.origin(e.policy());
            errors.add(new InputError(r.origin().file(), r.locate(e.path()).line(), "MutatingAdmissionPolicy "
                    + e.policy().name() + ": " + e.path() + ": " + e.message()));
        }
        LinkedHashSet<String> userGroups = new LinkedHashSet<>(groups == null ? List.of() : groups);
        userGroups.add("system:authenticated");
        AdmissionRequest.UserInfo userInfo = new AdmissionRequest.UserInfo(user, "", List.copyOf(userGroups), Map.of());

        // The requests: objects, paired with their old versions on UPDATE; the old objects on DELETE.
        Map<String, Resource> oldByKey = new HashMap<>();
        for (Resource r : oldLoad.resources()) {
            oldByKey.put(key(r), r);
        }
        List<Resource> subjects = operation == Operation.DELETE ? oldLoad.resources() : objectLoad.resources();
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        int denied = 0;
        int warned = 0;
        int admitted = 0;
        StringBuilder text = new StringBuilder();
        for (Resource r : subjects) {
            if (PolicyReader.isPolicyKind(r.apiVersion(), r.kind()) || r.apiVersion().startsWith("kubeward.dev/")) {
                continue;
            }
            Resource previous = null;
            if (operation == Operation.UPDATE) {
                previous = oldByKey.get(key(r));
                if (previous == null) {
                    errors.add(new InputError(r.origin().file(), r.locate(JsonPath.ROOT).line(), r.displayName()
                            + ": no previous version under --old for this UPDATE (same kind, namespace and name)"));
                    continue;
                }
            }
            AdmissionRequest req = operation == Operation.DELETE
                    ? Requests.of("DELETE", null, r, userInfo, mapping)
                    : Requests.of(operation.name(), r, previous, userInfo, mapping);
            MutatingPolicySet.Result mutated = mutating.mutate(req, ctx);
            AdmissionRequest validated = mutated.request();
            AdmissionResult result = input.validatingSet().admit(validated, ctx);
            String verdict = mutated.denial() != null ? "deny" : result.verdict();
            switch (verdict) {
                case "deny" -> denied++;
                case "warn" -> warned++;
                default -> admitted++;
            }
            results.add(resultJson(r, verdict, result, mutated));
            text.append(resultText(r, verdict, result, mutated));
        }
        for (InputError e : errors) {
            err.println(e);
        }
        for (String ns : ctx.assumedNamespaces()) {
            output.note("note: namespace " + ns + " is not in the input; taken to exist with only the label "
                    + InventoryContext.NAME_LABEL + "=" + ns);
        }
        if (ctx.assumedNamespacesTruncated()) {
            output.note("note: more namespaces than these " + InventoryContext.MAX_REMEMBERED
                    + " are not in the input; each was taken to exist alike");
        }
        if (format.equals("json")) {
            ObjectNode doc = JsonOutput.header(loadedConfig, output);
            doc.put("kubernetesVersion", version.toString());
            doc.put("operation", operation.name());
            doc.set("results", results);
            ObjectNode summary = doc.putObject("summary");
            summary.put("requests", results.size());
            summary.put("admitted", admitted);
            summary.put("warned", warned);
            summary.put("denied", denied);
            JsonOutput.errors(doc, errors);
            ArrayNode assumed = doc.putArray("assumedNamespaces");
            ctx.assumedNamespaces().forEach(assumed::add);
            String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
            output.write(out -> out.println(json));
        } else {
            String summary = results.size() + " request(s): " + admitted + " admitted, " + warned + " admitted with warnings, "
                    + denied + " denied";
            boolean quiet = output.quiet;
            output.write(out -> {
                if (!quiet) {
                    out.print(text);
                }
                out.println(summary);
            });
        }
        if (!errors.isEmpty()) {
            return ExitCodes.USAGE;
        }
        return denied > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static String key(Resource r) {
        return r.group() + "/" + r.kind() + "/" + (r.namespace() == null ? "" : r.namespace()) + "/" + r.name();
    }

    private static ObjectNode resultJson(Resource r, String verdict, AdmissionResult result, MutatingPolicySet.Result mutated) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("apiVersion", r.apiVersion());
        o.put("kind", r.kind());
        if (r.namespace() != null) {
            o.put("namespace", r.namespace());
        } else {
            o.putNull("namespace");
        }
        o.put("name", r.name());
        o.put("file", r.origin().file());
        o.put("line", r.locate(JsonPath.ROOT).line());
        o.put("verdict", verdict);
        AdmissionResult.Decision denial = result.denial();
        if (mutated.denial() != null) {
            o.put("policy", mutated.denial().policy());
            o.put("binding", mutated.denial().binding());
            o.put("message", mutated.denial().denyMessage());
        } else if (denial != null) {
            o.put("policy", denial.policy());
            putNullable(o, "binding", denial.binding());
            o.put("message", denial.denyMessage());
            putNullable(o, "reason", denial.reason());
        } else if (!result.warnings().isEmpty()) {
            AdmissionResult.Decision first = result.decisions().stream()
                    .filter(d -> d.deny() && d.actions().contains("Warn")).findFirst().orElse(null);
            o.put("policy", first == null ? null : first.policy());
            o.put("binding", first == null ? null : first.binding());
            o.put("message", result.warnings().get(0));
        } else {
            o.putNull("policy");
            o.putNull("binding");
            o.putNull("message");
        }
        ArrayNode warnings = o.putArray("warnings");
        result.warnings().forEach(warnings::add);
        ObjectNode audit = o.putObject("auditAnnotations");
        result.auditAnnotations().forEach(audit::put);
        ArrayNode decisions = o.putArray("decisions");
        for (AdmissionResult.Decision d : result.decisions()) {
            ObjectNode x = decisions.addObject();
            x.put("policy", d.policy());
            putNullable(x, "binding", d.binding());
            putNullable(x, "param", d.param());
            if (d.validation() >= 0) {
                x.put("validation", d.validation());
            }
            putNullable(x, "expression", d.expression());
            x.put("evaluation", d.evaluation().name().toLowerCase(java.util.Locale.ROOT));
            putNullable(x, "message", d.message());
            if (!d.actions().isEmpty()) {
                ArrayNode a = x.putArray("validationActions");
                d.actions().forEach(a::add);
            }
            if (d.configurationError()) {
                x.put("configurationError", true);
            }
        }
        if (!mutated.applied().isEmpty()) {
            ArrayNode m = o.putArray("mutations");
            for (MutatingPolicySet.Applied a : mutated.applied()) {
                ObjectNode x = m.addObject();
                x.put("policy", a.policy());
                x.put("binding", a.binding());
                x.set("patch", a.patch());
            }
            o.set("mutatedObject", mutated.request().object());
        }
        return o;
    }

    private static void putNullable(ObjectNode o, String k, String v) {
        if (v == null) {
            o.putNull(k);
        } else {
            o.put(k, v);
        }
    }

    private static String resultText(Resource r, String verdict, AdmissionResult result, MutatingPolicySet.Result mutated) {
        StringBuilder b = new StringBuilder();
        String where = r.origin().file() + ":" + r.locate(JsonPath.ROOT).line();
        b.append(verdict.toUpperCase(java.util.Locale.ROOT)).append(' ').append(r.displayName()).append(" (").append(where).append(")");
        if (mutated.denial() != null) {
            b.append(": ").append(mutated.denial().denyMessage());
        } else if (result.denial() != null) {
            b.append(": ").append(result.denial().denyMessage());
        }
        b.append('\n');
        for (MutatingPolicySet.Applied a : mutated.applied()) {
            b.append("  mutated by MutatingAdmissionPolicy '").append(a.policy()).append("' with binding '").append(a.binding())
                    .append("': ").append(a.patch()).append('\n');
        }
        for (AdmissionResult.Decision d : result.decisions()) {
            if (d.evaluation() == AdmissionResult.Evaluation.ADMIT) {
                continue;
            }
            b.append("  ").append(d.policy());
            if (d.binding() != null) {
                b.append(" / ").append(d.binding());
            }
            if (d.param() != null) {
                b.append(" (param ").append(d.param()).append(")");
            }
            if (d.validation() >= 0) {
                b.append(": validation ").append(d.validation()).append(" '").append(d.expression()).append("'");
            }
            b.append(d.evaluation() == AdmissionResult.Evaluation.ERROR ? " errored: " : " failed: ").append(d.message());
            if (!d.actions().isEmpty()) {
                b.append(" [").append(String.join(", ", d.actions())).append("]");
            } else if (d.configurationError()) {
                b.append(" [configuration error: denies whatever the validation actions]");
            }
            b.append('\n');
        }
        for (String w : result.warnings()) {
            b.append("  warning: ").append(w).append('\n');
        }
        result.auditAnnotations().forEach((k, v) -> b.append("  audit: ").append(k).append("=").append(v).append('\n'));
        return b.toString();
    }
}
