package dev.kubeward.source.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.DockerfileSubstitution;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Origin;
import dev.kubeward.model.Position;
import dev.kubeward.model.Resource;
import dev.kubeward.model.SourceMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a Dockerfile into a {@link Resource} of kind {@code Dockerfile}
 * ({@code apiVersion: kubeward.dev/v1}) so that Dockerfile checks run in the same engine, with
 * the same configuration, exemptions and output formats as manifest checks. The JSON shape is
 * documented in docs/dockerfile.md; every instruction is located at its first line.
 */
public final class DockerfileReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> INSTRUCTIONS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV",
            "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL",
            "USER", "VOLUME", "WORKDIR");
    /** Instructions BuildKit refuses without arguments. */
    private static final Set<String> NEED_ARGUMENTS = Set.of("ADD", "ARG", "COPY", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");
    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");
    private static final Pattern INDEX = Pattern.compile("\\d+");

    private DockerfileReader() {}

    /**
     * Names BuildKit and Podman users give Dockerfiles: {@code Dockerfile}, {@code Containerfile},
     * {@code Dockerfile.*}, {@code Containerfile.*}, {@code *.Dockerfile}, {@code *.Containerfile}
     * (any case), but not the per-Dockerfile ignore files {@code Dockerfile.dockerignore}.
     */
    /** Documents about Dockerfiles ({@code docs/dockerfile.md}) are not Dockerfiles. */
    private static final java.util.regex.Pattern DOCUMENT_SUFFIX =
            java.util.regex.Pattern.compile("\\.(md|markdown|txt|rst|adoc|asciidoc|html?|pdf|png|svg)$");

    public static boolean isDockerfileName(Path path) {
        Path fileName = path.getFileName();
        if (fileName == null) {
            return false;
        }
        String n = fileName.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".dockerignore") || DOCUMENT_SUFFIX.matcher(n).find()) {
            return false;
        }
        return n.equals("dockerfile") || n.equals("containerfile")
                || n.startsWith("dockerfile.") || n.startsWith("containerfile.")
                || (n.endsWith(".dockerfile") && n.length() > ".dockerfile".length())
                || (n.endsWith(".containerfile") && n.length() > ".containerfile".length());
    }

    /** Reads a Dockerfile whose build context is unknown (standard input): {@code dockerignore} is null. */
    public static Resource read(String name, String text) throws DockerfileSyntaxException {
        return read(name, text, null);
    }

    /**
     * Reads a Dockerfile.
     *
     * @param name the file as the user named it; becomes the resource name and the origin's file
     * @param dockerignore whether an ignore file applies to its context, or null when unknown
     */
    public static Resource read(String name, String text, Boolean dockerignore) throws DockerfileSyntaxException {
        DockerfileLexer.Result lexed = DockerfileLexer.lex(text);
        return new Builder(name, lexed.directives(), dockerignore).build(lexed.instructions());
    }

    /** Reads a file, looking beside it for the ignore file BuildKit would use. */
    public static Resource read(Path file) throws IOException, DockerfileSyntaxException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return read(file.toString(), text, hasDockerignore(file));
    }

    /**
     * Whether BuildKit would find an ignore file for this Dockerfile, assuming (as is usual) that
     * the build context is the Dockerfile's directory: {@code <name>.dockerignore} beside the
     * Dockerfile, else {@code .dockerignore} there.
     */
    public static boolean hasDockerignore(Path dockerfile) {
        Path dir = dockerfile.toAbsolutePath().getParent();
        if (dir == null) {
            return false;
        }
        return Files.isRegularFile(dir.resolve(dockerfile.getFileName() + ".dockerignore"))
                || Files.isRegularFile(dir.resolve(".dockerignore"));
    }

    /** Builds the JSON rendering and its source map from the lexed instructions. */
    private static final class Builder {
        private final String name;
        private final Directives directives;
        private final Boolean dockerignore;
        private final SourceMap sourceMap = new SourceMap();
        private final Map<String, String> globalArgs = new HashMap<>();
        /** Every ARG before the first FROM, with or without default: a --build-arg may set any of them. */
        private final Set<String> declaredGlobalArgs = new HashSet<>();
        private final Map<String, Integer> stageNames = new LinkedHashMap<>();

        Builder(String name, Directives directives, Boolean dockerignore) {
            this.name = name;
            this.directives = directives;
            this.dockerignore = dockerignore;
        }

        Resource build(List<Instruction> instructions) throws DockerfileSyntaxException {
            if (instructions.isEmpty()) {
                throw new DockerfileSyntaxException(1, "file with no instructions");
            }
            ObjectNode root = NODES.objectNode();
            sourceMap.recordStart(root, Position.START);
            root.put("apiVersion", Kinds.KUBEWARD_API_VERSION);
            root.put("kind", Kinds.DOCKERFILE);
            root.putObject("metadata").put("name", name);
            ObjectNode dir = root.putObject("directives");
            dir.put("escape", String.valueOf(directives.escape()));
            dir.put("syntax", directives.syntax());
            dir.put("check", directives.check());
            if (dockerignore == null) {
                root.putNull("dockerignore");
            } else {
                root.put("dockerignore", dockerignore);
            }
            ArrayNode args = root.putArray("globalArgs");
            ArrayNode stages = root.putArray("stages");
            List<Position> argPositions = new ArrayList<>();
            List<Position> stagePositions = new ArrayList<>();
            List<Position> stepPositions = new ArrayList<>();
            ArrayNode steps = null;
            for (Instruction in : instructions) {
                validate(in);
                Position at = new Position(in.line(), in.column());
                if (in.keyword().equals("FROM")) {
                    if (steps != null) {
                        sourceMap.recordElements(steps, stepPositions.toArray(Position[]::new));
                    }
                    ObjectNode stage = stage(in, stages.size(), at);
                    stages.add(stage);
                    stagePositions.add(at);
                    steps = (ArrayNode) stage.get("instructions");
                    stepPositions = new ArrayList<>();
                    stepPositions.add(at);
                    continue;
                } else if (steps == null) {
                    if (!in.keyword().equals("ARG")) {
                        throw new DockerfileSyntaxException(in.line(),
                                in.keyword() + " before the first FROM: only ARG may come before FROM");
                    }
                    ObjectNode arg = instructionNode(in, at);
                    for (JsonNode pair : arg.get("pairs")) {
                        String argName = pair.get("key").textValue();
                        JsonNode def = pair.get("value");
                        declaredGlobalArgs.add(argName);
                        // A default may use the ARGs declared before it.
                        if (def.isNull()) {
                            globalArgs.remove(argName);
                        } else {
                            globalArgs.put(argName, DockerfileSubstitution.expand(def.textValue(), globalArgs, directives.escape()));
                        }
                    }
                    args.add(arg);
                    argPositions.add(at);
                    continue;
                }
                ObjectNode node = instructionNode(in, at);
                if (in.keyword().equals("COPY")) {
                    resolveCopyFrom(in, node, stages.size() - 1);
                } else if (in.keyword().equals("RUN")) {
                    resolveMountsFrom(in, node, stages.size() - 1);
                }
                steps.add(node);
                stepPositions.add(at);
            }
            if (steps == null) {
                throw new DockerfileSyntaxException(instructions.get(0).line(),
                        "no FROM instruction: a Dockerfile needs at least one build stage");
            }
            sourceMap.recordElements(steps, stepPositions.toArray(Position[]::new));
            sourceMap.recordElements(args, argPositions.toArray(Position[]::new));
            sourceMap.recordElements(stages, stagePositions.toArray(Position[]::new));
            if (!argPositions.isEmpty()) {
                sourceMap.recordKey(root, "globalArgs", argPositions.get(0));
            }
            sourceMap.recordKey(root, "stages", stagePositions.get(0));
            return new Resource(Kinds.KUBEWARD_API_VERSION, Kinds.DOCKERFILE, null, name, root, new Origin(name, 0, sourceMap), List.of());
        }

        private ObjectNode stage(Instruction from, int index, Position at) throws DockerfileSyntaxException {
            List<String> words = ShellWords.splitRaw(from.arguments(), directives.escape());
            if (!(words.size() == 1 || (words.size() == 3 && words.get(1).equalsIgnoreCase("as")))) {
                throw new DockerfileSyntaxException(from.line(), "FROM requires either one or three arguments");
            }
            String stageName = null;
            if (words.size() == 3) {
                stageName = words.get(2).toLowerCase(Locale.ROOT);
                if (!STAGE_NAME.matcher(stageName).matches()) {
                    throw new DockerfileSyntaxException(from.line(), "invalid name for build stage: \"" + words.get(2)
                            + "\", name can't start with a number or contain symbols");
                }
                if (stageNames.containsKey(stageName)) {
                    throw new DockerfileSyntaxException(from.line(), "duplicate stage name \"" + stageName + "\"");
                }
            }
            String written = words.get(0);
            String image = DockerfileSubstitution.expand(written, globalArgs, directives.escape());
            checkBaseName(from, written);
            Integer fromStage = stageNames.get(image.toLowerCase(Locale.ROOT));
            ObjectNode stage = NODES.objectNode();
            stage.put("index", index);
            stage.put("name", stageName);
            stage.put("from", written);
            stage.put("image", image);
            stage.put("fromStage", fromStage);
            stage.put("platform", from.flag("platform").orElse(null));
            stage.put("line", from.line());
            ArrayNode steps = stage.putArray("instructions");
            steps.add(instructionNode(from, at));
            recordAllKeys(stage, at);
            if (stageName != null) {
                stageNames.put(stageName, index);
            }
            return stage;
        }

        /**
         * BuildKit refuses a FROM whose name substitutes to nothing ("base name should not be
         * blank"), which is what an ARG declared only after the first FROM gives: FROM sees only
         * the global ARGs. A name that a --build-arg could still fill (a global ARG without
         * default) is not an error; so the name is also expanded with every global ARG set.
         */
        private void checkBaseName(Instruction from, String written) throws DockerfileSyntaxException {
            Map<String, String> anyBuildArgs = new HashMap<>(globalArgs);
            declaredGlobalArgs.forEach(name -> anyBuildArgs.put(name, "x"));
            String best = DockerfileSubstitution.expand(written, anyBuildArgs, directives.escape());
            String hint = written.contains("$") ? "; FROM sees only ARGs declared before the first FROM" : "";
            if (best.isBlank()) {
                throw new DockerfileSyntaxException(from.line(), "base name (" + written + ") should not be blank" + hint);
            }
            if (best.startsWith(":") || best.startsWith("@")) {
                throw new DockerfileSyntaxException(from.line(), "base name (" + written + ") has no repository name"
                        + " (it expands to \"" + DockerfileSubstitution.expand(written, globalArgs, directives.escape()) + "\")" + hint);
            }
        }

        /** COPY --from names an earlier stage (by name or index) or else an image. */
        private void resolveCopyFrom(Instruction copy, ObjectNode node, int currentStage) {
            String from = copy.flag("from").orElse(null);
            if (from != null) {
                resolveFrom(from, node, currentStage);
            }
        }

        /**
         * RUN --mount=…,from=X mounts an earlier stage or an image, as COPY --from does: each mount
         * with a {@code from} becomes {@code {from, fromStage|fromImage}} in {@code mountsFrom}.
         */
        private void resolveMountsFrom(Instruction run, ObjectNode node, int currentStage) {
            ArrayNode mounts = null;
            for (Flag flag : run.flags()) {
                if (!flag.name().equals("mount") || flag.value() == null) {
                    continue;
                }
                for (String field : flag.value().split(",")) {
                    // BuildKit reads the mount as CSV, so a field may be quoted as a whole.
                    String f = field.strip();
                    if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
                        f = f.substring(1, f.length() - 1);
                    }
                    if (f.toLowerCase(Locale.ROOT).startsWith("from=")) {
                        if (mounts == null) {
                            mounts = node.putArray("mountsFrom");
                        }
                        ObjectNode mount = mounts.addObject().put("from", f.substring(5));
                        resolveFrom(f.substring(5), mount, currentStage);
                    }
                }
            }
        }

        private void resolveFrom(String from, ObjectNode node, int currentStage) {
            String expanded = DockerfileSubstitution.expand(from, globalArgs, directives.escape());
            Integer stage = stageNames.get(expanded.toLowerCase(Locale.ROOT));
            if (stage == null && INDEX.matcher(expanded).matches()) {
                int i = Integer.parseInt(expanded);
                stage = i < currentStage ? i : null;
            }
            if (stage != null) {
                node.put("fromStage", stage);
            } else {
                node.put("fromImage", expanded);
            }
        }

        private void validate(Instruction in) throws DockerfileSyntaxException {
            if (!INSTRUCTIONS.contains(in.keyword())) {
                throw new DockerfileSyntaxException(in.line(), "unknown instruction: " + in.keyword());
            }
            if (NEED_ARGUMENTS.contains(in.keyword()) && in.arguments().isEmpty()) {
                throw new DockerfileSyntaxException(in.line(), in.keyword() + " requires at least one argument");
            }
            switch (in.keyword()) {
                case "SHELL" -> {
                    if (!in.json()) {
                        throw new DockerfileSyntaxException(in.line(), "SHELL requires the arguments to be in JSON form");
                    }
                }
                case "COPY", "ADD" -> {
                    int count = in.json() ? in.jsonArgs().size()
                            : ShellWords.splitRaw(in.arguments(), directives.escape()).size();
                    if (count < 2) {
                        throw new DockerfileSyntaxException(in.line(), in.keyword() + " requires at least two arguments");
                    }
                }
                case "ONBUILD" -> {
                    String trigger = in.trigger().keyword();
                    if (trigger.equals("ONBUILD")) {
                        throw new DockerfileSyntaxException(in.line(), "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
                    }
                    if (trigger.equals("FROM") || trigger.equals("MAINTAINER")) {
                        throw new DockerfileSyntaxException(in.line(), trigger + " isn't allowed as an ONBUILD trigger");
                    }
                    validate(in.trigger());
                }
                default -> { }
            }
        }

        private ObjectNode instructionNode(Instruction in, Position at) throws DockerfileSyntaxException {
            ObjectNode node = NODES.objectNode();
            node.put("keyword", in.keyword());
            ArrayNode flags = node.putArray("flags");
            for (Flag f : in.flags()) {
                flags.addObject().put("name", f.name()).put("value", f.value());
            }
            node.put("arguments", in.arguments());
            node.put("json", in.json());
            if (in.json()) {
                ArrayNode json = node.putArray("jsonArgs");
                in.jsonArgs().forEach(json::add);
            } else {
                node.putNull("jsonArgs");
            }
            ArrayNode heredocs = node.putArray("heredocs");
            Position[] heredocPositions = new Position[in.heredocs().size()];
            for (int i = 0; i < in.heredocs().size(); i++) {
                Heredoc h = in.heredocs().get(i);
                ObjectNode hn = heredocs.addObject();
                hn.put("name", h.name());
                hn.put("body", h.body());
                hn.put("expand", h.expand());
                hn.put("chomp", h.chomp());
                hn.put("fileDescriptor", h.fileDescriptor());
                hn.put("line", h.line());
                heredocPositions[i] = new Position(h.line(), 1);
            }
            sourceMap.recordElements(heredocs, heredocPositions);
            node.put("line", in.line());
            node.put("endLine", in.endLine());
            switch (in.keyword()) {
                case "ENV", "LABEL" -> node.set("pairs", keyValuePairs(in));
                case "ARG" -> node.set("pairs", argPairs(in));
                case "ONBUILD" -> node.set("trigger", instructionNode(in.trigger(), at));
                default -> { }
            }
            recordAllKeys(node, at);
            return node;
        }

        /** ENV and LABEL: {@code key=value ...}, or the legacy {@code key value with spaces}. */
        private ArrayNode keyValuePairs(Instruction in) throws DockerfileSyntaxException {
            ArrayNode pairs = NODES.arrayNode();
            char escape = directives.escape();
            List<String> words = ShellWords.splitRaw(in.arguments(), escape);
            if (!words.get(0).contains("=")) {
                String value = in.arguments().substring(words.get(0).length()).strip();
                if (value.isEmpty()) {
                    throw new DockerfileSyntaxException(in.line(), in.keyword() + " must have two arguments");
                }
                pairs.addObject().put("key", words.get(0)).put("value", value);
                return pairs;
            }
            for (String word : words) {
                int eq = word.indexOf('=');
                if (eq <= 0) {
                    throw new DockerfileSyntaxException(in.line(), "Syntax error - can't find = in \"" + word
                            + "\". Must be of the form: name=value");
                }
                pairs.addObject()
                        .put("key", ShellWords.unquote(word.substring(0, eq), escape))
                        .put("value", ShellWords.unquote(word.substring(eq + 1), escape));
            }
            return pairs;
        }

        /** ARG: {@code name} or {@code name=default}, several per line. */
        private ArrayNode argPairs(Instruction in) {
            ArrayNode pairs = NODES.arrayNode();
            char escape = directives.escape();
            for (String word : ShellWords.splitRaw(in.arguments(), escape)) {
                int eq = word.indexOf('=');
                ObjectNode pair = pairs.addObject();
                if (eq < 0) {
                    pair.put("key", word).putNull("value");
                } else {
                    pair.put("key", word.substring(0, eq)).put("value", ShellWords.unquote(word.substring(eq + 1), escape));
                }
            }
            return pairs;
        }

        private void recordAllKeys(ObjectNode node, Position at) {
            node.fieldNames().forEachRemaining(k -> sourceMap.recordKey(node, k, at));
        }
    }
}
