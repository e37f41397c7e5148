package dev.kubeward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.values.NullValue;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.AdmissionRequest;
import dev.kubeward.policy.CelRequest;
import dev.kubeward.policy.cel.AuthzValues;
import dev.kubeward.policy.cel.CelAuthorizer;
import dev.kubeward.policy.cel.CelEnvironment;
import dev.kubeward.policy.cel.CelValues;
import dev.kubeward.policy.cel.CelVersion;
import dev.kubeward.policy.cel.CompiledExpression;
import dev.kubeward.policy.offline.Requests;
import dev.kubeward.policy.offline.ResourceMapping;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "cel", sortOptions = false,
        description = {
            "Evaluate CEL expressions in the environment of ValidatingAdmissionPolicy, with the Kubernetes CEL libraries of the version given.",
            "",
            "Variables: object, oldObject, params, namespaceObject (from the files given, else null), request (built from them, as a CREATE, UPDATE or DELETE by a plain authenticated user), and authorizer (allows nothing here). Each result shows its value, its type, and the estimated and actual cost.",
            "",
            "Exit codes: 0 every expression evaluated, 1 an expression failed at run time, 2 an expression did not compile or a file could not be read.",
            "",
            "-f takes a format name (text, json) as in every command, or else an expressions file, as in 'kubeward cel -f checks.cel --format json'."
        },
        footer = {"", "Examples:",
            "  kubeward cel \"quantity('1.5Gi').isGreaterThan(quantity('1G'))\"",
            "  kubeward cel -f checks.cel --object deploy.yaml --format json"})
final class CelCommand implements Callable<Integer>, OutputOptions.Reporting {

    @Parameters(paramLabel = "EXPR", arity = "0..*", description = "expressions to evaluate")
    List<String> expressions;

    @Option(names = "--file", paramLabel = "FILE", description = "read expressions from FILE, one per line (blank lines and # comments skipped)")
    Path file;

    @Option(names = "--object", paramLabel = "FILE", description = "the object (YAML or JSON)")
    Path object;

    @Option(names = "--old-object", paramLabel = "FILE", description = "the old object (an UPDATE with --object, a DELETE without)")
    Path oldObject;

    @Option(names = "--params", paramLabel = "FILE", description = "the params object")
    Path params;

    @Option(names = "--namespace-object", paramLabel = "FILE", description = "the Namespace of the request")
    Path namespaceObject;

    @Option(names = "--kubernetes-version", paramLabel = "VERSION", description = "the CEL environment of this Kubernetes version (default: 1.36, the newest kubeward knows)")
    String kubernetesVersion;

    @picocli.CommandLine.Mixin
    OutputOptions output;

    @picocli.CommandLine.Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * In {@code cel}, {@code -f} is both spellings users meet: the format (text, json), as in every
     * command, and the expressions file, as the CEL issue and {@code kubectl}-style tools name it
     * ({@code kubeward cel -f checks.cel --format json}). A {@code -f} whose value is not a format
     * name becomes {@code --file} before picocli parses the line; everything after {@code --} is an
     * expression and left alone.
     */
    static String[] expressionsFileAlias(String[] args) {
        if (args.length == 0 || !"cel".equals(args[0])) {
            return args;
        }
        String[] out = args.clone();
        for (int i = 1; i < out.length; i++) {
            String a = out[i];
            if (a.equals("--")) {
                break;
            }
            if (a.equals("-f") && i + 1 < out.length && !isFormatName(out[i + 1])) {
                out[i] = "--file";
                i++;
            } else if (a.startsWith("-f=") && !isFormatName(a.substring(3))) {
                out[i] = "--file=" + a.substring(3);
            } else if (a.startsWith("-f") && a.length() > 2 && a.charAt(2) != '=' && !isFormatName(a.substring(2))) {
                out[i] = "--file=" + a.substring(2);
            }
        }
        return out;
    }

    private static boolean isFormatName(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        String canonical = OutputOptions.FORMAT_ALIASES.getOrDefault(v, v);
        return canonical.equals("text") || canonical.equals("json");
    }

    /** json is one line per expression (JSON lines). */
    @Override
    public List<String> formats() {
        return List.of("text", "json");
    }

    @Override
    public Integer call() throws IOException {
        String format = output.format();
        PrintWriter err = spec.commandLine().getErr();
        String configured;
        try {
            configured = configOptions.load(dev.kubeward.check.CheckRegistry.builtIn().ids(), output).config()
                    .setting("kubernetesVersion", null);
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
        List<String> exprs = new ArrayList<>(expressions == null ? List.of() : expressions);
        if (file != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            for (String line : lines) {
                String t = line.trim();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    exprs.add(t);
                }
            }
        }
        if (exprs.isEmpty()) {
            err.println("kubeward: no expression given (pass EXPR arguments or --file FILE)");
            return ExitCodes.USAGE;
        }
        Resource obj;
        Resource old;
        Resource par;
        Resource ns;
        try {
            obj = one(object, "--object");
            old = one(oldObject, "--old-object");
            par = one(params, "--params");
            ns = one(namespaceObject, "--namespace-object");
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("object", obj == null ? NullValue.NULL_VALUE : CelValues.fromJson(obj.object()));
        vars.put("oldObject", old == null ? NullValue.NULL_VALUE : CelValues.fromJson(old.object()));
        vars.put("params", par == null ? NullValue.NULL_VALUE : CelValues.fromJson(par.object()));
        vars.put("namespaceObject", ns == null ? NullValue.NULL_VALUE : CelValues.fromJson(ns.object()));
        vars.put("variables", Map.of());
        Resource about = obj != null ? obj : old;
        if (about != null) {
            ResourceMapping mapping = new ResourceMapping(List.of(about));
            String op = obj != null && old != null ? "UPDATE" : obj != null ? "CREATE" : "DELETE";
            AdmissionRequest req = Requests.of(op, obj, old, Requests.DEFAULT_USER, mapping);
            vars.put("request", CelRequest.value(req));
        } else {
            vars.put("request", Map.of("operation", "CREATE", "userInfo", Map.of("username", "kubeward",
                    "groups", List.of("system:authenticated"))));
        }
        AuthzValues.Authorizer authz = new AuthzValues.Authorizer(CelAuthorizer.DENY_ALL,
                new CelAuthorizer.User("kubeward", "", List.of("system:authenticated"), Map.of()));
        vars.put("authorizer", authz);
        vars.put("authorizer.requestResource", new AuthzValues.ResourceCheck(new AuthzValues.GroupCheck(authz, ""), "", "", "", "", "", ""));
        CelEnvironment env = CelEnvironment.of(version);
        CelEnvironment.Declarations decls = new CelEnvironment.Declarations(true, true, Map.of());
        int exit = ExitCodes.OK;
        List<String> lines = new ArrayList<>();
        for (String e : exprs) {
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("schemaVersion", 1);
            line.put("expression", e);
            String text;
            try {
                CompiledExpression c = env.compile(e, decls, List.of());
                CompiledExpression.Result r = c.evaluate(name -> Optional.ofNullable(vars.get(name)), CelEnvironment.PER_CALL_LIMIT);
                ObjectNode est = JsonNodeFactory.instance.objectNode();
                est.put("min", Long.toUnsignedString(c.estimate().min()));
                est.put("max", Long.toUnsignedString(c.estimate().max()));
                if (r.failed()) {
                    line.put("error", r.error());
                    exit = Math.max(exit, ExitCodes.FINDINGS);
                    text = e + " => error: " + r.error();
                } else {
                    JsonNode value = CelValues.toJson(r.value());
                    line.set("value", value);
                    text = e + " => " + value;
                }
                line.put("type", c.outputTypeName());
                line.set("estimatedCost", est);
                line.put("actualCost", r.cost());
                text += "   (" + c.outputTypeName() + "; cost " + r.cost() + ", estimated " + c.estimate().minText() + ".."
                        + c.estimate().maxText() + ")";
            } catch (CelEnvironment.CelCompileException ce) {
                line.put("error", ce.getMessage());
                exit = ExitCodes.USAGE;
                text = e + " => " + ce.getMessage();
            }
            lines.add(format.equals("json") ? JSON.writeValueAsString(line) : text);
        }
        output.write(out -> lines.forEach(out::println));
        return exit;
    }

    private static Resource one(Path p, String option) {
        if (p == null) {
            return null;
        }
        LoadResult r = new ManifestLoader().load(List.of(p.toString()));
        if (!r.errors().isEmpty()) {
            throw new IllegalArgumentException(r.errors().get(0).toString());
        }
        if (r.resources().size() != 1) {
            throw new IllegalArgumentException(p + ": " + option + " needs exactly one object, found " + r.resources().size());
        }
        return r.resources().get(0);
    }
}
