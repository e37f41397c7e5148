package dev.kubeward.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kubeward.checks.rbac.BootstrapPolicy;
import dev.kubeward.model.InputError;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.rbac.BuiltInResources;
import dev.kubeward.rbac.Grant;
import dev.kubeward.rbac.ParseProblem;
import dev.kubeward.rbac.RbacModel;
import dev.kubeward.rbac.RbacObject;
import dev.kubeward.rbac.RbacParser;
import dev.kubeward.rbac.Request;
import dev.kubeward.rbac.Subject;
import dev.kubeward.rbac.Via;
import dev.kubeward.rbac.Workload;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.ReadOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** What the rbac subcommands share: reading manifests into a model, and reading subjects and requests from arguments. */
final class RbacInput {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final Pattern VERB = Pattern.compile("[a-z]+|\\*");
    private static final Pattern RESOURCE = Pattern.compile("([a-z0-9-]+|\\*)(/[a-z0-9-]+|/\\*)?");

    private RbacInput() {}

    /**
     * The model of what could be read, and whether everything could: {@code model} is empty only
     * when nothing at all was read (every path missing or unreadable).
     */
    record Loaded(Optional<RbacModel> model, boolean complete) {
        /** The command's own exit code, or 2 when some input could not be read. */
        int exit(int answer) {
            return complete ? answer : ExitCodes.USAGE;
        }
    }

    /**
     * Loads the manifests (under the stock policy with {@code bootstrap}) into a model. Unreadable
     * input and RBAC objects the API server would reject are printed as {@code file:line: reason}
     * and left out; the rest is answered for (one bad object never empties the answer), and the
     * command then exits 2.
     */
    static Loaded load(List<String> paths, boolean bootstrap, ReadOptions read, OutputOptions output, PrintWriter err) {
        List<String> inputs = paths == null || paths.isEmpty() ? List.of(".") : paths;
        LoadResult loaded;
        try (Progress progress = output.progress("reading files")) {
            loaded = new ManifestLoader(read).listener(progress).load(inputs);
        }
        return load(ManifestOptions.report(loaded, inputs, output), bootstrap, output, err);
    }

    /** The same for objects already read (a cluster's). */
    static Loaded load(LoadResult loaded, boolean bootstrap, OutputOptions output, PrintWriter err) {
        List<String> errors = new ArrayList<>();
        loaded.errors().stream().map(InputError::toString).forEach(errors::add);
        List<RbacObject> objects = new ArrayList<>();
        if (bootstrap) {
            // First, so that a scanned object of the same name replaces the stock one, as applying it would.
            objects.addAll(BootstrapPolicy.get().objects());
        }
        RbacParser parser = new RbacParser();
        for (Resource resource : loaded.resources()) {
            objects.addAll(Workload.of(resource));
            RbacParser.Result result = parser.parse(resource.object(), resource);
            objects.addAll(result.objects());
            for (ParseProblem problem : result.problems()) {
                errors.add(resource.origin().where(resource.locate(JsonPath.parse(problem.path())).line())
                        + (resource.origin().isLive() ? ": " + problem.path() : "") + ": " + problem.message());
            }
        }
        errors.forEach(err::println);
        err.flush();
        if (!errors.isEmpty() && !loaded.resources().isEmpty()) {
            output.note("note: the answer below leaves out what could not be read");
        }
        boolean nothingRead = loaded.resources().isEmpty() && !errors.isEmpty();
        return new Loaded(nothingRead ? Optional.empty() : Optional.of(RbacModel.build(objects)), errors.isEmpty());
    }

    /** {@code user:alice}, {@code group:dev} or {@code sa:NAMESPACE/NAME}. */
    static Subject subject(CommandLine cmd, String text) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon);
        String name = colon < 0 ? "" : text.substring(colon + 1);
        if (!name.isEmpty()) {
            switch (kind) {
                case "user":
                    return Subject.user(name);
                case "group":
                    return Subject.group(name);
                case "sa":
                case "serviceaccount":
                    int slash = name.indexOf('/');
                    if (slash > 0 && slash < name.length() - 1 && name.indexOf('/', slash + 1) < 0) {
                        return Subject.serviceAccount(name.substring(0, slash), name.substring(slash + 1));
                    }
                    break;
                default:
                    break;
            }
        }
        throw new ParameterException(cmd, "invalid subject '" + text + "': expected user:NAME, group:NAME or sa:NAMESPACE/NAME");
    }

    /**
     * A request from kubectl-style arguments: RESOURCE may be {@code pods/exec}, {@code deployments.apps}
     * or a non-resource URL such as {@code /healthz}; a built-in resource gets its API group.
     */
    static Request request(CommandLine cmd, String verb, String resource, String apiGroup, String namespace, String name) {
        if (!VERB.matcher(verb).matches()) {
            throw new ParameterException(cmd, "invalid verb '" + verb + "': RBAC verbs are lowercase (get, list, create, …) or *");
        }
        if (resource.startsWith("/")) {
            if (apiGroup != null || namespace != null || name != null) {
                throw new ParameterException(cmd, "a non-resource URL such as " + resource + " takes no --api-group, -n or --name");
            }
            return Request.nonResource(verb, resource);
        }
        String group = apiGroup;
        String plural = resource;
        int dot = resource.indexOf('.');
        int slash = resource.indexOf('/');
        if (dot > 0 && (slash < 0 || dot < slash)) {
            String written = slash < 0 ? resource.substring(dot + 1) : resource.substring(dot + 1, slash);
            if (apiGroup != null && !apiGroup.equals(written)) {
                throw new ParameterException(cmd, "resource " + resource + " names group " + written + " but --api-group says " + apiGroup);
            }
            group = written;
            plural = resource.substring(0, dot) + (slash < 0 ? "" : resource.substring(slash));
        }
        if (!RESOURCE.matcher(plural).matches()) {
            throw new ParameterException(cmd, "invalid resource '" + resource + "': expected e.g. pods, pods/exec, deployments.apps or /healthz");
        }
        if (group == null) {
            group = BuiltInResources.groupOf(plural.contains("/") ? plural.substring(0, plural.indexOf('/')) : plural);
        }
        Request request = Request.of(verb, group, plural, namespace);
        if (request.asSent() != request) {
            // The engine answers for the request as sent, without the namespace; say so, since the
            // question was asked with -n and RoleBindings there do not count.
            cmd.getErr().println("note: " + plural + " is cluster-scoped: requests for it carry no namespace, so -n "
                    + namespace + " is ignored and RoleBindings do not apply");
            cmd.getErr().flush();
            request = request.asSent();
        }
        return name == null ? request : request.named(name);
    }

    /** Where the rule of a grant is written, as {@code file:line}, for people to jump to. */
    static String location(Via via) {
        Grant grant = via.grant();
        if (grant == null || !(grant.rule().declaredIn().source() instanceof Resource resource)) {
            return "";
        }
        return resource.origin().isLive() ? resource.origin().file() + " " + grant.rule().rule().path()
                : resource.origin().where(resource.locate(JsonPath.parse(grant.rule().rule().path())).line());
    }

    /** {@code via BINDING -> ROLE RULE  (file:line)}. */
    static String viaLine(Via via) {
        String where = location(via);
        return "via " + via + (where.isEmpty() ? "" : "  (" + where + ")");
    }
}
