package dev.kubeward.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.DuplicateKey;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Steps;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Origin;
import dev.kubeward.model.Resource;
import dev.kubeward.source.dockerfile.DockerfileReader;
import dev.kubeward.source.dockerfile.DockerfileSyntaxException;
import dev.kubeward.source.helm.ChartRenderer;
import dev.kubeward.source.helm.HelmHooks;
import dev.kubeward.source.helm.HelmOptions;
import dev.kubeward.source.helm.TemplateMap;
import dev.kubeward.source.kustomize.Kustomization;
import dev.kubeward.source.kustomize.KustomizeBuild;
import dev.kubeward.source.kustomize.KustomizeMap;
import dev.kubeward.source.node.RancherConfigReader;
import dev.kubeward.source.repo.Exclusion;
import dev.kubeward.source.repo.FileSelection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads manifests from files, directories (recursively: .yaml, .yml, .json) and standard input
 * ({@code -}), the way {@code kubectl apply -R -f} would read them; Dockerfiles found on the way
 * ({@code Dockerfile}, {@code Containerfile}, {@code *.Dockerfile}, {@code Dockerfile.*}) join the
 * same inventory as {@code kind: Dockerfile} objects. A k3s or RKE2 configuration file, which has
 * no apiVersion or kind, joins as {@code kind: RancherConfig} when its name says what it is
 * ({@link RancherConfigReader}).
 */
public final class ManifestLoader {
    public static final String STDIN = "-";
    public static final String STDIN_NAME = "<stdin>";
    /** Parse the documents of one file in parallel past this many (helm template output). */
    private static final int PARALLEL_DOCUMENTS = 16;

    private final Supplier<InputStream> stdin;
    private final FileSelection selection;
    private final String namespace;
    private final HelmOptions helm;
    private final java.util.Map<String, String> environment;

    public ManifestLoader() {
        this(() -> System.in);
    }

    public ManifestLoader(Supplier<InputStream> stdin) {
        this(stdin, ReadOptions.DEFAULT);
    }

    /** @param options which files of a directory are read, and the {@code -n} namespace */
    public ManifestLoader(ReadOptions options) {
        this(() -> System.in, options);
    }

    private Steps listener = Steps.NONE;

    /** The same loader, telling {@code steps} how many sources it reads and each one read (from the loading threads). */
    public ManifestLoader listener(Steps steps) {
        this.listener = steps;
        return this;
    }

    public ManifestLoader(Supplier<InputStream> stdin, ReadOptions options) {
        this.stdin = stdin;
        this.selection = new FileSelection(options.files());
        this.namespace = options.namespace();
        this.helm = options.helm().withNamespace(options.namespace());
        this.environment = options.environment();
    }

    public LoadResult load(List<String> inputs) {
        return load(inputs, List.of());
    }

    /**
     * @param dockerfiles files to read as Dockerfiles whatever their name ({@code -} for stdin)
     */
    public LoadResult load(List<String> inputs, List<String> dockerfiles) {
        return load(inputs, dockerfiles, p -> false);
    }

    /**
     * @param exclude files not to read, though named or found in a directory (scan --context leaves
     *     out the files that are scanned themselves)
     */
    public LoadResult load(List<String> inputs, List<String> dockerfiles, java.util.function.Predicate<Path> exclude) {
        List<InputError> errors = new ArrayList<>();
        List<Exclusion> excluded = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        for (String input : inputs) {
            if (input.equals(STDIN)) {
                sources.add(new Source(STDIN_NAME, null, false));
                continue;
            }
            if (input.startsWith("oci://") || input.startsWith("https://") || input.startsWith("http://")) {
                errors.add(new InputError(input, 0, "a chart is read from a directory or a .tgz file; kubeward fetches "
                        + "nothing over the network (helm pull " + input + " first)"));
                continue;
            }
            Path path = Path.of(input);
            if (Files.isDirectory(path)) {
                sources.addAll(walk(path, errors, excluded));
            } else if (ChartRenderer.isChartArchive(path)) {
                sources.add(new Source(input, path, false, true));
            } else if (Files.isRegularFile(path) && Kustomization.isKustomizationFileName(path)) {
                // A kustomization file named alone stands for its directory, which is what kustomize builds.
                Path dir = path.toAbsolutePath().getParent();
                Path shown = path.getParent() == null ? Path.of(".") : path.getParent();
                sources.add(Source.kustomization(shown.toString(), dir));
            } else if (Files.isRegularFile(path)) {
                sources.add(new Source(input, path, DockerfileReader.isDockerfileName(path)));
            } else {
                errors.add(new InputError(input, 0, "no such file or directory"));
            }
        }
        for (String d : dockerfiles) {
            if (d.equals(STDIN)) {
                sources.add(new Source(STDIN_NAME, null, true));
            } else if (Files.isRegularFile(Path.of(d))) {
                sources.add(new Source(d, Path.of(d), true));
            } else {
                errors.add(new InputError(d, 0, "no such file"));
            }
        }
        sources.removeIf(s -> s.path() != null && exclude.test(s.path()));
        // A chart's templates are read by Helm when the chart is rendered: not left out after all.
        List<Path> charts = sources.stream().filter(Source::chart).map(s -> s.path().toAbsolutePath().normalize()).toList();
        excluded.removeIf(e -> e.reason() == Exclusion.Reason.HELM_TEMPLATE
                && charts.stream().anyMatch(c -> Path.of(e.path()).toAbsolutePath().normalize().startsWith(c)));
        listener.total(sources.size());
        List<FileResult> results = sources.parallelStream().map(source -> {
            FileResult r = loadSource(source);
            listener.step();
            return r;
        }).collect(Collectors.toList());
        List<Resource> resources = new ArrayList<>();
        List<Resource> rendered = new ArrayList<>();
        List<LoadResult.Skipped> skipped = new ArrayList<>();
        List<LoadResult.Notice> notices = new ArrayList<>(HelmTemplates.notices(excluded));
        for (FileResult r : results) {
            (r.chart ? rendered : resources).addAll(r.resources);
            skipped.addAll(r.skipped);
            errors.addAll(r.errors);
            notices.addAll(r.notices);
        }
        LoadResult plain = ApplyNamespace.apply(new LoadResult(resources, skipped, errors, sources.size(), excluded, notices),
                namespace);
        if (!rendered.isEmpty()) {
            LoadResult helmed = ApplyNamespace.applyAsHelm(new LoadResult(rendered, List.of(), List.of(), 0), namespace);
            plain = plain.with(concat(plain.resources(), helmed.resources()), plain.errors());
        }
        return DuplicateObjects.resolve(plain);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private record Source(String name, Path path, boolean dockerfile, boolean chart, boolean kustomization) {
        Source(String name, Path path, boolean dockerfile) {
            this(name, path, dockerfile, false, false);
        }

        Source(String name, Path path, boolean dockerfile, boolean chart) {
            this(name, path, dockerfile, chart, false);
        }

        static Source kustomization(String name, Path dir) {
            return new Source(name, dir, false, false, true);
        }
    }

    /**
     * The files under {@code dir} that are read, in path order; what the selection leaves out
     * (ignored, excluded, vendored, chart templates) goes to {@code excluded}.
     *
     * <p>Symbolic links are followed (a symlinked root too), each directory and file once: a
     * directory whose real path was walked already, through a link or not, is not walked again,
     * and a link to a directory above it is a loop; of the paths that reach the same file, the
     * first in path order is read. A link whose target does not exist is reported when it could
     * be a manifest, a Dockerfile or a directory (a name without an extension). None of these is
     * an error; each is counted and named with the others left out.
     */
    private List<Source> walk(Path dir, List<InputError> errors, List<Exclusion> excluded) {
        FileSelection.Root selection = this.selection.root(dir);
        List<Source> found = new ArrayList<>();
        List<Path> charts = new ArrayList<>();
        java.util.Set<Path> directories = new java.util.HashSet<>();
        try {
            Files.walkFileTree(dir, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    Exclusion why = selection.exclusion(d, true);
                    if (why != null) {
                        excluded.add(why);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Path real = realPath(d);
                    if (!directories.add(real)) {
                        excluded.add(new Exclusion(d.toString(), true, Exclusion.Reason.ALREADY_READ, "the same directory as "
                                + real));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    // A chart is rendered with its subcharts (under its charts/), not each one alone.
                    // Where the embedded Helm cannot run, a chart met in a tree stays a notice; one named is an error.
                    if (ChartRenderer.isChartDirectory(d) && charts.stream().noneMatch(d::startsWith)
                            && (ChartRenderer.unsupportedPlatform() == null || d.equals(dir))) {
                        charts.add(d);
                        found.add(new Source(d.toString(), d, false, true));
                    } else if (Kustomization.isKustomizationDirectory(d) && charts.stream().noneMatch(d::startsWith)) {
                        found.add(Source.kustomization(d.toString(), d));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
                    boolean dockerfile = DockerfileReader.isDockerfileName(p);
                    boolean candidate = isManifestName(p) || dockerfile;
                    if (attrs.isSymbolicLink()) {
                        // FOLLOW_LINKS hands over the link itself only when its target cannot be read.
                        String name = p.getFileName().toString();
                        if ((candidate || name.indexOf('.') < 0) && selection.exclusion(p, false) == null) {
                            excluded.add(new Exclusion(p.toString(), false, Exclusion.Reason.DANGLING_LINK, "-> "
                                    + linkTarget(p)));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                    if (candidate && attrs.isRegularFile()) {
                        Exclusion why = selection.exclusion(p, false);
                        if (why != null) {
                            excluded.add(why);
                        } else {
                            found.add(new Source(p.toString(), p, dockerfile));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path p, IOException e) {
                    if (e instanceof java.nio.file.FileSystemLoopException) {
                        Exclusion why = selection.exclusion(p, true);
                        excluded.add(why != null ? why
                                : new Exclusion(p.toString(), true, Exclusion.Reason.LINK_LOOP, "-> " + linkTarget(p)));
                        return FileVisitResult.CONTINUE;
                    }
                    errors.add(new InputError(p.toString(), 0, p.equals(dir) ? "cannot list directory: " + e.getMessage()
                            : "cannot read: " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            errors.add(new InputError(dir.toString(), 0, "cannot list directory: " + e.getMessage()));
        }
        found.sort(java.util.Comparator.comparing(Source::path));
        java.util.Map<Path, Path> files = new java.util.HashMap<>();
        List<Source> once = new ArrayList<>();
        for (Source s : found) {
            if (s.kustomization()) {
                once.add(s);
                continue;
            }
            Path first = files.putIfAbsent(realPath(s.path()), s.path());
            if (first == null) {
                once.add(s);
            } else {
                excluded.add(new Exclusion(s.name(), false, Exclusion.Reason.ALREADY_READ, "the same file as " + first));
            }
        }
        return kustomized(once, excluded);
    }

    /**
     * The sources of a walk once its kustomizations have taken what they read: a kustomization that
     * another one in the tree consumes (a base, a component) is built through that one, not alone;
     * a file a kustomization reads (a resource, a patch, a generator's source, the kustomization
     * file itself) is not read again as loose YAML; and a manifest in a kustomization's directory
     * that it does not list is left out too, since {@code kustomize build} leaves it out. Each of
     * those is an {@link Exclusion}, counted and named with the others.
     */
    private static List<Source> kustomized(List<Source> sources, List<Exclusion> excluded) {
        if (sources.stream().noneMatch(Source::kustomization)) {
            return sources;
        }
        java.util.Map<Path, Source> byDir = new java.util.LinkedHashMap<>();
        java.util.Map<Path, Kustomization.Tree> trees = new java.util.LinkedHashMap<>();
        for (Source s : sources) {
            if (s.kustomization()) {
                Path real = realPath(s.path());
                byDir.putIfAbsent(real, s);
                trees.computeIfAbsent(real, Kustomization::read);
            }
        }
        java.util.Map<Path, Path> consumedDirs = new java.util.HashMap<>();
        java.util.Map<Path, Path> consumedFiles = new java.util.HashMap<>();
        java.util.Map<Path, Path> ownedDirs = new java.util.HashMap<>();
        trees.forEach((root, tree) -> tree.consumedDirectories().forEach(d -> consumedDirs.putIfAbsent(d, root)));
        // Files are named by the build that reads them: an overlay's, before a base's own.
        List<Path> order = new ArrayList<>(trees.keySet());
        order.sort(java.util.Comparator.comparing(consumedDirs::containsKey));
        for (Path root : order) {
            Kustomization.Tree tree = trees.get(root);
            tree.files().forEach(f -> consumedFiles.putIfAbsent(f, root));
            tree.all.forEach(k -> ownedDirs.putIfAbsent(k.directory(), root));
            ownedDirs.putIfAbsent(root, root);
        }
        List<Source> out = new ArrayList<>();
        for (Source s : sources) {
            Path real = realPath(s.path());
            if (s.kustomization()) {
                Path by = consumedDirs.get(real);
                if (by != null && !by.equals(real) && byDir.get(real) == s) {
                    excluded.add(new Exclusion(s.name(), true, Exclusion.Reason.KUSTOMIZE, "built through the kustomization in "
                            + byDir.get(by).name()));
                } else if (byDir.get(real) == s) {
                    out.add(s);
                }
                continue;
            }
            Path by = consumedFiles.get(real);
            Path owner = by == null && real.getParent() != null ? ownedDirs.get(real.getParent()) : null;
            if (by != null) {
                excluded.add(new Exclusion(s.name(), false, Exclusion.Reason.KUSTOMIZE, "part of the build of "
                        + byDir.get(by).name()));
            } else if (owner != null && !s.dockerfile()) {
                Path parent = Path.of(s.name()).getParent();
                excluded.add(new Exclusion(s.name(), false, Exclusion.Reason.KUSTOMIZE_UNLISTED, "the kustomization of "
                        + (parent == null ? "." : parent.toString()) + " does not list it, so kustomize build leaves it out"));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static String linkTarget(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "?";
        }
    }

    static boolean isManifestName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private static final class FileResult {
        final List<Resource> resources = new ArrayList<>();
        final List<LoadResult.Skipped> skipped = new ArrayList<>();
        final List<InputError> errors = new ArrayList<>();
        final List<LoadResult.Notice> notices = new ArrayList<>();
        boolean chart;
    }

    private FileResult loadSource(Source source) {
        if (source.chart) {
            return loadChart(source);
        }
        if (source.kustomization) {
            return loadKustomization(source);
        }
        FileResult out = new FileResult();
        String text;
        try {
            byte[] bytes = readBounded(source);
            if (bytes == null) {
                out.errors.add(new InputError(source.name, 0, "larger than " + (MAX_SOURCE_BYTES >> 20)
                        + " MiB: not read (split the input, e.g. one file per namespace)"));
                return out;
            }
            text = decodeUtf8(bytes);
        } catch (CharacterCodingException e) {
            out.errors.add(new InputError(source.name, 0, "not UTF-8 text"));
            return out;
        } catch (IOException e) {
            out.errors.add(new InputError(source.name, 0, "cannot read: " + e.getMessage()));
            return out;
        }
        if (source.dockerfile) {
            try {
                Boolean ignoreFile = source.path == null ? null : DockerfileReader.hasDockerignore(source.path);
                out.resources.add(DockerfileReader.read(source.name, text, ignoreFile));
            } catch (DockerfileSyntaxException e) {
                out.errors.add(new InputError(source.name, e.line(), e.getMessage()));
            }
            return out;
        }
        return review(source.name, text, loadText(source.name, text, out));
    }

    /**
     * A file that fails to parse is not an input error when it is not meant to be a manifest: a
     * Helm template (one notice) or JSON that is not Kubernetes ({@code tsconfig.json} with
     * comments: skipped and counted). See {@link HelmTemplates} and {@link ForeignJson}.
     */
    private static FileResult review(String name, String text, FileResult read) {
        if (read.errors.isEmpty()) {
            return read;
        }
        FileResult out = new FileResult();
        InputError first = read.errors.get(0);
        int action = read.errors.stream().mapToInt(e -> HelmTemplates.actionNear(text, e.line())).filter(l -> l > 0)
                .findFirst().orElse(0);
        if (action > 0) {
            out.notices.add(HelmTemplates.fileNotice(name, action));
            return out;
        }
        if (ForeignJson.isForeign(name, text)) {
            out.skipped.add(new LoadResult.Skipped(name, first.line(), ForeignJson.reason(first.message())));
            return out;
        }
        return read;
    }

    /**
     * A Helm chart, rendered by Helm: each document is read as a manifest of the template that wrote
     * it, with its fields placed on the template's lines ({@link TemplateMap}). Test hooks are
     * skipped unless asked for; the namespace is Helm's (see {@link ApplyNamespace#applyAsHelm}).
     */
    private FileResult loadChart(Source source) {
        FileResult out = new FileResult();
        out.chart = true;
        ChartRenderer.Result result = ChartRenderer.render(source.path, source.name, helm);
        out.errors.addAll(result.errors());
        java.util.Map<String, TemplateMap> maps = new java.util.HashMap<>();
        java.util.Map<String, Integer> occurrences = new java.util.HashMap<>();
        for (ChartRenderer.Document d : result.documents()) {
            int occurrence = occurrences.merge(d.template(), 1, Integer::sum) - 1;
            ParsedDocument doc;
            try {
                doc = YamlTreeBuilder.parse(d.text(), 1);
            } catch (YamlTreeBuilder.YamlError e) {
                out.errors.add(new InputError(d.file(), 0, "Helm rendered invalid YAML (line " + e.line()
                        + " of what the template rendered): " + e.getMessage()));
                continue;
            }
            if (doc == null) {
                continue;
            }
            ParsedDocument located = doc;
            if (d.source() == null) {
                // No template to trace in (a # Source: that names no template read): the rendered lines, said as such.
                doc.sourceMap().noteAll("a line of the rendered document: its template " + (d.template().isEmpty() ? "is not named"
                        : d.template() + " was not found") + ", so no template line could be traced");
            } else {
                TemplateMap map = maps.computeIfAbsent(d.template(), t -> TemplateMap.of(d.source().text()));
                located = new ParsedDocument(doc.root(), doc.start(), map.locate(doc.root(), doc.sourceMap(), occurrence),
                        doc.duplicates());
            }
            if (!helm.includeTests() && HelmHooks.isTest(doc.root())) {
                out.skipped.add(new LoadResult.Skipped(d.file(), located.sourceMap().locate(doc.root(), JsonPath.ROOT).line(),
                        "Helm test hook (helm.sh/hook: " + HelmHooks.hooks(doc.root())
                                + "): run by helm test, not installed with the release; --helm-tests scans it"));
                continue;
            }
            FileResult one = new FileResult();
            addDocument(d.file(), occurrence, located, one);
            for (Resource r : one.resources) {
                out.resources.add(HelmHooks.releaseNamespace(r, d.source(), helm.namespace()) ? r.inDefaultedNamespace(
                        ApplyNamespace.DEFAULT_NAMESPACE) : r);
            }
            out.skipped.addAll(one.skipped);
        }
        return out;
    }

    /**
     * A kustomization directory, built by the kustomize binary ({@link KustomizeBuild}): each object
     * is read as a manifest of the resource file it came from, its fields placed on that file's
     * lines or on the patch or kustomization line that set them ({@link KustomizeMap}). A tree
     * that refers to something wrong (a remote base, a missing file) is not built, and each
     * problem is an error at its line of the kustomization.
     */
    private FileResult loadKustomization(Source source) {
        FileResult out = new FileResult();
        Path dir = realPath(source.path);
        java.util.function.Function<Path, String> display = p -> {
            Path rel = dir.relativize(p);
            return rel.toString().isEmpty() ? source.name : Path.of(source.name).resolve(rel).normalize().toString();
        };
        Kustomization.Tree tree = Kustomization.read(dir);
        for (InputError e : tree.errors) {
            out.errors.add(new InputError(display.apply(Path.of(e.file())), e.line(), e.message()));
        }
        if (tree.root() == null || !out.errors.isEmpty()) {
            if (tree.root() == null && out.errors.isEmpty()) {
                out.errors.add(new InputError(source.name, 0, "no kustomization file (" + String.join(", ", Kustomization.FILE_NAMES) + ")"));
            }
            return out;
        }
        String kustomizationFile = display.apply(tree.root().file());
        KustomizeBuild.Tool tool = KustomizeBuild.find(environment.get("PATH"));
        if (tool == null) {
            out.errors.add(new InputError(kustomizationFile, 0, "a Kustomize directory is built by kustomize (kustomize build) "
                    + "or kubectl (kubectl kustomize), and neither is on the PATH: install one, or build it elsewhere and pipe "
                    + "it in (kustomize build " + source.name + " | kubeward scan -); its files are not read as loose YAML"));
            return out;
        }
        KustomizeBuild.Output built = KustomizeBuild.build(tool, dir, source.name, tree.root().isComponent(),
                environment);
        if (built.error() != null) {
            out.errors.add(new InputError(kustomizationFile, 0, built.error().message()));
            return out;
        }
        List<InputError> errors = new ArrayList<>();
        KustomizeMap map = new KustomizeMap(tree, built.base(), display);
        List<KustomizeMap.Located> located = map.locate(built.output(), errors);
        out.errors.addAll(errors);
        if (!located.isEmpty() && !map.originsRecorded()) {
            out.notices.add(new LoadResult.Notice(kustomizationFile, 0, tool.name() + " ignored buildMetadata: "
                    + "[originAnnotations] and said for none of its " + located.size() + (located.size() == 1 ? " object" : " objects")
                    + " which file it came from (kustomize older than v4.5.0, kubectl older than 1.24?): findings name this "
                    + "kustomization, not the resource and patch files; install a newer kustomize or kubectl"));
        }
        for (KustomizeMap.Located l : located) {
            addDocument(l.file(), l.document(), l.doc(), out);
        }
        return out;
    }

    /**
     * The most one file, or standard input, may hold. A document is limited on its own (see
     * YamlTreeBuilder); this bounds what is read before that, so that an endless or enormous stream
     * is refused in a sentence instead of exhausting memory.
     */
    public static final int MAX_SOURCE_BYTES = 128 * 1024 * 1024;

    /**
     * The bytes of a source, or null when it holds more than {@link #MAX_SOURCE_BYTES}. A file is
     * read into one array of its size ({@code readNBytes} with the limit as length gathers 8 KiB
     * chunks and copies them into the result, which held every byte twice); standard input, whose
     * size is unknown, still goes through the chunks.
     */
    static byte[] readBounded(Path path, Supplier<InputStream> stdin) throws IOException {
        if (path == null) {
            byte[] bytes = stdin.get().readNBytes(MAX_SOURCE_BYTES + 1);
            return bytes.length > MAX_SOURCE_BYTES ? null : bytes;
        }
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(path)) {
            long size = ch.size();
            if (size > MAX_SOURCE_BYTES) {
                return null;
            }
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // a file that shrank while read ends early; one that grew is read to its size then
            }
            if (buf.hasRemaining()) {
                return java.util.Arrays.copyOf(buf.array(), buf.position());
            }
            return buf.array();
        }
    }

    private byte[] readBounded(Source source) throws IOException {
        return readBounded(source.path, stdin);
    }

    /** Reads the manifests in {@code text} as if they came from {@code name}. */
    public LoadResult loadText(String name, String text) {
        FileResult r = review(name, text, loadText(name, text, new FileResult()));
        return DuplicateObjects.resolve(
                ApplyNamespace.apply(new LoadResult(r.resources, r.skipped, r.errors, 1, List.of(), r.notices), namespace));
    }

    /**
     * The text of a manifest as kubectl decodes it: k8s.io/apimachinery's YAML reader wraps its
     * input in golang.org/x/text's {@code unicode.BOMOverride}, so a UTF-16 byte-order mark (big or
     * little endian) selects UTF-16 and a UTF-8 one is dropped; anything else is UTF-8. The BOM
     * is no character of the text, so line numbers are those an editor shows.
     */
    static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        java.nio.charset.Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            skip = 3;
        }
        if (charset == StandardCharsets.UTF_8) {
            // Validated in a small buffer, then decoded by String's own UTF-8 path: the text is
            // held once, not as a CharBuffer of two bytes a character and then its copy.
            java.nio.charset.CharsetDecoder decoder = charset.newDecoder();
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes, skip, bytes.length - skip);
            java.nio.CharBuffer scratch = java.nio.CharBuffer.allocate(8192);
            java.nio.charset.CoderResult r;
            do {
                scratch.clear();
                r = decoder.decode(in, scratch, true);
            } while (r.isOverflow());
            if (r.isError()) {
                r.throwException();
            }
            return new String(bytes, skip, bytes.length - skip, StandardCharsets.UTF_8);
        }
        return charset.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
    }

    private FileResult loadText(String name, String text, FileResult out) {
        if (looksLikeJson(text)) {
            try {
                List<ParsedDocument> docs = JsonTreeBuilder.parseAll(text);
                for (int i = 0; i < docs.size(); i++) {
                    addDocument(name, i, docs.get(i), out);
                }
            } catch (YamlTreeBuilder.YamlError e) {
                out.errors.add(new InputError(name, e.line(), e.getMessage()));
            }
            return out;
        }
        List<DocumentSplitter.Chunk> chunks = DocumentSplitter.split(text).stream()
                .filter(c -> c.separatorError() != null || !c.isBlank())
                .collect(Collectors.toList());
        IntStream indexes = IntStream.range(0, chunks.size());
        if (chunks.size() > PARALLEL_DOCUMENTS) {
            indexes = indexes.parallel();
        }
        List<Object> parsed = indexes.mapToObj(i -> parseChunk(chunks.get(i))).collect(Collectors.toList());
        for (int i = 0; i < chunks.size(); i++) {
            Object p = parsed.get(i);
            if (p instanceof YamlTreeBuilder.YamlError e) {
                out.errors.add(new InputError(name, e.line(), e.getMessage()));
            } else if (p instanceof ParsedDocument doc) {
                addDocument(name, i, doc, out);
            }
        }
        return out;
    }

    private static Object parseChunk(DocumentSplitter.Chunk chunk) {
        if (chunk.separatorError() != null) {
            return new YamlTreeBuilder.YamlError(chunk.firstLine() - 1, chunk.separatorError());
        }
        try {
            ParsedDocument doc = YamlTreeBuilder.parse(chunk.text(), chunk.firstLine());
            return doc == null ? Boolean.FALSE : doc;
        } catch (YamlTreeBuilder.YamlError e) {
            return e;
        }
    }

    /** kubectl reads a stream as JSON when its first non-space character opens an object. */
    private static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private static void addDocument(String file, int index, ParsedDocument doc, FileResult out) {
        JsonNode root = doc.root();
        if (root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            out.skipped.add(new LoadResult.Skipped(file, doc.start().line(), "not a Kubernetes object (not a mapping)"));
            return;
        }
        Origin origin = new Origin(file, index, doc.sourceMap());
        addObject(file, root, JsonPath.ROOT, origin, doc, out);
    }

    private static void addObject(String file, JsonNode object, JsonPath at, Origin origin, ParsedDocument doc,
            FileResult out) {
        String apiVersion = Json.nonEmptyText(object.get("apiVersion"));
        String kind = Json.nonEmptyText(object.get("kind"));
        int line = origin.locate(doc.root(), at).line();
        if (apiVersion == null || kind == null) {
            Optional<String> distribution = at.equals(JsonPath.ROOT)
                    ? RancherConfigReader.recognise(file, object) : Optional.empty();
            if (distribution.isPresent()) {
                out.resources.add(new Resource(Kinds.KUBEWARD_API_VERSION, Kinds.RANCHER_CONFIG, null, distribution.get(),
                        object, origin, duplicatesUnder(doc, at)));
                return;
            }
            TypeProblem problem = TypeProblem.of(object, !at.equals(JsonPath.ROOT));
            if (problem != null) {
                JsonPath where = problem.key() == null ? at : at.key(problem.key());
                out.errors.add(new InputError(file, origin.locate(doc.root(), where).line(), problem.message()));
                return;
            }
            out.skipped.add(new LoadResult.Skipped(file, line, "not a Kubernetes object (no apiVersion and kind)"));
            return;
        }
        JsonNode items = object.get("items");
        if (kind.endsWith("List") && items != null && items.isArray()) {
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.path(i);
                JsonPath itemPath = at.key("items").index(i);
                if (item.isObject()) {
                    inheritTypeFromList(apiVersion, kind, (com.fasterxml.jackson.databind.node.ObjectNode) item);
                    addObject(file, item, itemPath, origin, doc, out);
                } else {
                    out.skipped.add(new LoadResult.Skipped(file, origin.locate(doc.root(), itemPath).line(),
                            "list item is not a Kubernetes object"));
                }
            }
            return;
        }
        JsonNode metadata = object.path("metadata");
        String name = Json.nonEmptyText(metadata.get("name"));
        if (name == null) {
            String generate = Json.nonEmptyText(metadata.get("generateName"));
            name = generate == null ? "" : generate + "*";
        }
        String namespace = Json.nonEmptyText(metadata.get("namespace"));
        out.resources.add(new Resource(apiVersion, kind, namespace, name, object, origin, duplicatesUnder(doc, at)));
    }

    /**
     * The API server and client-go omit {@code apiVersion} and {@code kind} on the items of a typed
     * list ({@code GET /api/v1/pods} answers a {@code PodList} whose items carry neither): an item of
     * {@code FooList} in {@code group/version} is a {@code Foo} of that version, as the decoder of the
     * typed list reads it. The fields are written into the item so that every engine, which reads the
     * tree, sees the same object. Items of the untyped {@code v1 List} keep what they have: each one
     * must name its own kind there.
     */
    static void inheritTypeFromList(String listApiVersion, String listKind,
            com.fasterxml.jackson.databind.node.ObjectNode item) {
        if (listKind.equals("List") || listKind.length() <= "List".length()) {
            return;
        }
        if (Json.nonEmptyText(item.get("apiVersion")) == null && !item.has("apiVersion")) {
            item.put("apiVersion", listApiVersion);
        }
        if (Json.nonEmptyText(item.get("kind")) == null && !item.has("kind")) {
            item.put("kind", listKind.substring(0, listKind.length() - "List".length()));
        }
    }

    /**
     * Why a mapping without a usable {@code apiVersion} and {@code kind} is an input problem rather
     * than a document that is not a Kubernetes object. kubectl decodes the type fields
     * case-sensitively and refuses a document without them ("Object 'Kind' is missing"), so one
     * that is meant as an object is reported with its line instead of skipped:
     * <ul>
     *   <li>a type field spelt with other letter case or separators ({@code apiversion:},
     *       {@code Kind:}, {@code KIND:}, {@code api_version:}), wherever it is;</li>
     *   <li>in a mapping that looks like an object (it has {@code metadata}, or names both type
     *       fields, or is an item of a list): one type field without the other, or one that is not
     *       a non-empty string.</li>
     * </ul>
     * A mapping that looks like no object is skipped and counted: a Helm {@code Chart.yaml}
     * ({@code apiVersion: v2}, no kind, no metadata) or a chart's values file with a top-level
     * {@code kind: DaemonSet} is configuration, not a misspelt object.
     *
     * @param key the key to point at, or null for the mapping itself
     */
    record TypeProblem(String key, String message) {
        private static final List<String> FIELDS = List.of("apiVersion", "kind");

        static TypeProblem of(JsonNode object, boolean listItem) {
            String[] variants = new String[FIELDS.size()];
            for (java.util.Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String folded = name.replace("_", "").replace("-", "");
                for (int i = 0; i < FIELDS.size(); i++) {
                    if (!name.equals(FIELDS.get(i)) && folded.equalsIgnoreCase(FIELDS.get(i)) && variants[i] == null) {
                        variants[i] = name;
                    }
                }
            }
            for (int i = 0; i < FIELDS.size(); i++) {
                String field = FIELDS.get(i);
                if (variants[i] != null && !(object.get(field) != null && object.get(field).isTextual())) {
                    return new TypeProblem(variants[i], "'" + variants[i] + "' is not '" + field
                            + "' (keys are case-sensitive): kubectl finds no " + field + " and refuses this object");
                }
            }
            boolean bothNamed = (object.has("apiVersion") || variants[0] != null) && (object.has("kind") || variants[1] != null);
            boolean looksLikeObject = listItem || object.path("metadata").isObject() || bothNamed;
            if (!looksLikeObject) {
                return null;
            }
            for (String field : FIELDS) {
                JsonNode value = object.get(field);
                if (value != null && !(value.isTextual() && !value.textValue().isEmpty())) {
                    return new TypeProblem(field, field + " must be a non-empty string, not "
                            + (value.isTextual() ? "an empty one" : describe(value)) + ": kubectl refuses this object");
                }
            }
            List<String> present = FIELDS.stream().filter(object::has).toList();
            if (present.size() == 1) {
                String missing = present.get(0).equals("kind") ? "apiVersion" : "kind";
                return new TypeProblem(present.get(0), present.get(0) + " without " + missing
                        + ": not a complete Kubernetes object, and kubectl refuses it");
            }
            return new TypeProblem(null, (listItem ? "list item" : "object with metadata")
                    + " names no apiVersion and kind: kubectl refuses it");
        }

        private static String describe(JsonNode value) {
            return switch (value.getNodeType()) {
                case NUMBER -> "the number " + value.asText();
                case BOOLEAN -> "the boolean " + value.asText();
                case NULL, MISSING -> "null";
                case ARRAY -> "a list";
                case OBJECT -> "a mapping";
                default -> value.getNodeType().toString().toLowerCase(Locale.ROOT);
            };
        }
    }

    /** The duplicate keys inside the object at {@code at}, with paths made relative to it. */
    private static List<DuplicateKey> duplicatesUnder(ParsedDocument doc, JsonPath at) {
        if (doc.duplicates().isEmpty()) {
            return List.of();
        }
        List<Object> prefix = at.segments();
        List<DuplicateKey> out = new ArrayList<>();
        for (DuplicateKey d : doc.duplicates()) {
            List<Object> segs = d.path().segments();
            if (segs.size() > prefix.size() && segs.subList(0, prefix.size()).equals(prefix)) {
                JsonPath rel = JsonPath.ROOT;
                for (Object s : segs.subList(prefix.size(), segs.size())) {
                    rel = s instanceof Integer i ? rel.index(i) : rel.key((String) s);
                }
                out.add(new DuplicateKey(rel, d.overridden(), d.winner()));
            }
        }
        return out;
    }
}
