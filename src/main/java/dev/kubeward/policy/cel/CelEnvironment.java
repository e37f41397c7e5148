package dev.kubeward.policy.cel;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntimeLibrary;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;
import dev.cel.validator.validators.DurationLiteralValidator;
import dev.cel.validator.validators.HomogeneousLiteralValidator;
import dev.cel.validator.validators.RegexLiteralValidator;
import dev.cel.validator.validators.TimestampLiteralValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CEL environment of admission policies at one Kubernetes version, as
 * k8s.io/apiserver/pkg/cel/environment/base.go builds it plus the admission variables of
 * k8s.io/apiserver/pkg/admission/plugin/cel/compile.go: {@code object}, {@code oldObject}
 * (dyn), {@code request} and {@code namespaceObject} (typed), {@code params} (dyn, when the
 * policy has a paramKind), {@code authorizer} and {@code authorizer.requestResource} (where the
 * expression may use them) and {@code variables} (typed by each variable's result).
 *
 * <p>Thread-safe; environments are built once per version and declaration set and cached.
 */
public final class CelEnvironment {
    /** The per-call runtime cost limit, k8s.io/apiserver/pkg/apis/cel/config.go PerCallLimit. */
    public static final long PER_CALL_LIMIT = 1_000_000L;
    /** The budget of one policy evaluation, RuntimeCELCostBudget of the same file. */
    public static final long RUNTIME_COST_BUDGET = 10_000_000L;
    /** MaxEvaluatedMessageExpressionSizeBytes. */
    public static final int MAX_MESSAGE_BYTES = 5 * 1024;

    /** Which optional variables an expression may use, and the policy's variables with their types. */
    public record Declarations(boolean params, boolean authorizer, Map<String, CelType> variables, boolean jsonPatch) {
        public Declarations {
            variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        }

        public Declarations(boolean params, boolean authorizer, Map<String, CelType> variables) {
            this(params, authorizer, variables, false);
        }

        /** The same declarations plus the JSONPatch type and jsonpatch.escapeKey of MutatingAdmissionPolicy. */
        public Declarations withJsonPatch() {
            return new Declarations(params, authorizer, variables, true);
        }

        public static final Declarations NONE = new Declarations(false, false, Map.of());

        public Declarations withAuthorizer(boolean a) {
            return new Declarations(params, a, variables, jsonPatch);
        }
    }

    private static final Map<CelVersion, CelEnvironment> ENVIRONMENTS = new ConcurrentHashMap<>();

    private final CelVersion version;
    private final List<KubeLibrary> libraries;
    private final Map<Declarations, Cel> cels = new ConcurrentHashMap<>();
    private final Map<Declarations, CelValidator> validators = new ConcurrentHashMap<>();

    private CelEnvironment(CelVersion version) {
        this.version = version;
        List<KubeLibrary> libs = new ArrayList<>();
        for (KubeLibrary l : KubeLibraries.all()) {
            if (l.availableAt(version)) {
                libs.add(l);
            }
        }
        this.libraries = List.copyOf(libs);
    }

    public static CelEnvironment of(CelVersion version) {
        return ENVIRONMENTS.computeIfAbsent(version, CelEnvironment::new);
    }

    public CelVersion version() {
        return version;
    }

    public List<KubeLibrary> libraries() {
        return libraries;
    }

    // ------------------------------------------------------------------ types

    private static StructType struct(String name, Map<String, CelType> fields) {
        Map<String, CelType> f = new LinkedHashMap<>(fields);
        return StructType.create(name, ImmutableSet.copyOf(f.keySet()), n -> Optional.ofNullable(f.get(n)));
    }

    private static Map<String, CelType> fields(Object... pairs) {
        Map<String, CelType> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (CelType) pairs[i + 1]);
        }
        return m;
    }

    static final StructType GVK = struct("kubernetes.GroupVersionKind",
            fields("group", SimpleType.STRING, "version", SimpleType.STRING, "kind", SimpleType.STRING));
    static final StructType GVR = struct("kubernetes.GroupVersionResource",
            fields("group", SimpleType.STRING, "version", SimpleType.STRING, "resource", SimpleType.STRING));
    static final StructType USER_INFO = struct("kubernetes.UserInfo", fields(
            "username", SimpleType.STRING, "uid", SimpleType.STRING, "groups", ListType.create(SimpleType.STRING),
            "extra", MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING))));
    /** cel.BuildRequestType(): the AdmissionRequest less uid, object and oldObject. */
    public static final StructType REQUEST = struct("kubernetes.AdmissionRequest", fields(
            "kind", GVK, "resource", GVR, "subResource", SimpleType.STRING, "requestKind", GVK,
            "requestResource", GVR, "requestSubResource", SimpleType.STRING, "name", SimpleType.STRING,
            "namespace", SimpleType.STRING, "operation", SimpleType.STRING, "userInfo", USER_INFO,
            "dryRun", SimpleType.BOOL, "options", SimpleType.DYN));
    static final StructType NS_SPEC = struct("kubernetes.NamespaceSpec", fields("finalizers", ListType.create(SimpleType.STRING)));
    static final StructType NS_CONDITION = struct("kubernetes.NamespaceCondition", fields(
            "status", SimpleType.STRING, "type", SimpleType.STRING, "lastTransitionTime", SimpleType.TIMESTAMP,
            "message", SimpleType.STRING, "reason", SimpleType.STRING));
    static final StructType NS_STATUS = struct("kubernetes.NamespaceStatus", fields(
            "conditions", ListType.create(NS_CONDITION), "phase", SimpleType.STRING));
    static final StructType NS_METADATA = struct("kubernetes.NamespaceMetadata", fields(
            "name", SimpleType.STRING, "generateName", SimpleType.STRING, "namespace", SimpleType.STRING,
            "labels", MapType.create(SimpleType.STRING, SimpleType.STRING),
            "annotations", MapType.create(SimpleType.STRING, SimpleType.STRING), "UID", SimpleType.STRING,
            "creationTimestamp", SimpleType.TIMESTAMP, "deletionGracePeriodSeconds", SimpleType.INT,
            "deletionTimestamp", SimpleType.TIMESTAMP, "generation", SimpleType.INT,
            "resourceVersion", SimpleType.STRING, "finalizers", ListType.create(SimpleType.STRING)));
    /** cel.BuildNamespaceType(). */
    public static final StructType NAMESPACE = struct("kubernetes.Namespace", fields(
            "metadata", NS_METADATA, "spec", NS_SPEC, "status", NS_STATUS));

    private static final List<StructType> FIXED_TYPES = List.of(GVK, GVR, USER_INFO, REQUEST, NS_SPEC, NS_CONDITION,
            NS_STATUS, NS_METADATA, NAMESPACE);

    public static final String VARIABLES_TYPE = "kubernetes.variables";

    private static CelTypeProvider provider(List<StructType> types) {
        Map<String, CelType> byName = new LinkedHashMap<>();
        types.forEach(t -> byName.put(t.name(), t));
        return new CelTypeProvider() {
            @Override
            public ImmutableCollection<CelType> types() {
                return ImmutableList.copyOf(byName.values());
            }

            @Override
            public Optional<CelType> findType(String typeName) {
                return Optional.ofNullable(byName.get(typeName));
            }
        };
    }

    // ------------------------------------------------------------------ building

    Cel cel(Declarations d) {
        return cels.computeIfAbsent(d, this::build);
    }

    private Cel build(Declarations d) {
        boolean v128 = version.atLeast(CelVersion.of(1, 28));
        CelOptions options = CelOptions.current()
                .enableHeterogeneousNumericComparisons(v128)
                .enableOptionalSyntax(v128)
                .enableHomogeneousLiterals(false)
                .enableTimestampEpoch(false)
                .populateMacroCalls(false)
                .comprehensionMaxIterations(-1)
                .build();
        CelBuilder b = CelFactory.standardCelBuilder().setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        List<CelCompilerLibrary> compilerLibs = new ArrayList<>();
        List<CelRuntimeLibrary> runtimeLibs = new ArrayList<>();
        CelStringExtensions strings = version.atLeast(CelVersion.of(1, 29))
                ? CelExtensions.strings(stringsExcept(CelStringExtensions.Function.REVERSE))
                : CelExtensions.strings(stringsExcept(CelStringExtensions.Function.REVERSE, CelStringExtensions.Function.QUOTE));
        compilerLibs.add(strings);
        runtimeLibs.add(strings);
        if (v128) {
            compilerLibs.add(CelExtensions.optional());
            runtimeLibs.add(CelExtensions.optional());
        }
        if (version.atLeast(CelVersion.of(1, 29))) {
            compilerLibs.add(CelExtensions.sets(options));
            runtimeLibs.add(CelExtensions.sets(options));
        }
        if (version.atLeast(CelVersion.of(1, 32))) {
            compilerLibs.add(CelExtensions.comprehensions());
            runtimeLibs.add(CelExtensions.comprehensions());
        }
        if (version.atLeast(CelVersion.of(1, 34))) {
            compilerLibs.add(CelExtensions.lists(2));
            runtimeLibs.add(CelExtensions.lists(2));
        }
        b.addCompilerLibraries(compilerLibs).addRuntimeLibraries(runtimeLibs);
        for (KubeLibrary l : libraries) {
            b.addFunctionDeclarations(l.declarations()).addFunctionBindings(l.bindings());
        }
        List<StructType> types = new ArrayList<>(FIXED_TYPES);
        StructType vars = struct(VARIABLES_TYPE, d.variables());
        types.add(vars);
        b.setTypeProvider(provider(types));
        b.addVar("object", SimpleType.DYN).addVar("oldObject", SimpleType.DYN)
                .addVar("request", REQUEST).addVar("namespaceObject", NAMESPACE)
                .addVar("variables", vars);
        if (d.params()) {
            b.addVar("params", SimpleType.DYN);
        }
        if (d.authorizer() && version.atLeast(CelVersion.of(1, 27))) {
            b.addVar("authorizer", KubeTypes.AUTHORIZER);
            b.addVar("authorizer.requestResource", KubeTypes.RESOURCE_CHECK);
        }
        if (d.jsonPatch()) {
            b.addMessageTypes(JsonPatchType.descriptor());
            b.addFunctionDeclarations(JsonPatchType.escapeKeyDecl()).addFunctionBindings(JsonPatchType.escapeKeyBinding());
        }
        return b.build();
    }

    private static java.util.Set<CelStringExtensions.Function> stringsExcept(CelStringExtensions.Function... excluded) {
        java.util.Set<CelStringExtensions.Function> all = java.util.EnumSet.allOf(CelStringExtensions.Function.class);
        for (CelStringExtensions.Function f : excluded) {
            all.remove(f);
        }
        return all;
    }

    // ------------------------------------------------------------------ compiling

    /**
     * Compiles and type-checks an expression; {@code returnTypes} empty accepts any result, as
     * cel.AnyType does for variables. Throws with the API server's message
     * ({@code compilation failed: ERROR: <input>:1:8: ...}, {@code must evaluate to bool but got dyn}).
     */
    public CompiledExpression compile(String expression, Declarations d, List<CelType> returnTypes) throws CelCompileException {
        Cel cel = cel(d);
        CelAbstractSyntaxTree ast;
        try {
            ast = cel.compile(expression).getAst();
        } catch (CelValidationException e) {
            throw new CelCompileException("compilation failed: " + e.getMessage().trim());
        }
        // cel.HomogeneousAggregateLiterals (every version) is an AST validator in cel-go, with the
        // strings extension's format() exempt; the literal validators came with 1.29.
        CelValidator validator = validators.computeIfAbsent(d, k -> {
            List<dev.cel.validator.CelAstValidator> vs = new ArrayList<>();
            vs.add(HomogeneousLiteralValidator.newInstance("format"));
            if (version.atLeast(CelVersion.of(1, 29))) {
                vs.add(DurationLiteralValidator.INSTANCE);
                vs.add(TimestampLiteralValidator.INSTANCE);
                vs.add(RegexLiteralValidator.INSTANCE);
            }
            return CelValidatorFactory.standardCelValidatorBuilder(cel).addAstValidators(vs).build();
        });
        CelValidationResult r = validator.validate(ast);
        if (r.hasError()) {
            throw new CelCompileException("compilation failed: " + r.getIssueString().trim());
        }
        CelType out = ast.getResultType();
        if (!returnTypes.isEmpty()) {
            boolean found = false;
            for (CelType t : returnTypes) {
                if (TypeNames.exact(out, t)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                String reason = returnTypes.size() == 1
                        ? "must evaluate to " + TypeNames.of(returnTypes.get(0)) + " but got " + TypeNames.of(out)
                        : "must evaluate to one of " + TypeNames.list(returnTypes) + " but got " + TypeNames.of(out);
                throw new CelCompileException(reason);
            }
        }
        try {
            return new CompiledExpression(expression, ast, cel.createProgram(ast), out, this);
        } catch (dev.cel.runtime.CelEvaluationException e) {
            throw new CelCompileException("program instantiation failed: " + e.getMessage());
        }
    }

    /** An expression that does not compile or type-check, with the API server's message. */
    public static final class CelCompileException extends Exception {
        private static final long serialVersionUID = 1L;

        public CelCompileException(String message) {
            super(message);
        }
    }
}
