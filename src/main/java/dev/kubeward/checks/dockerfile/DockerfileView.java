package dev.kubeward.checks.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.ImageRef;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Resource;
import dev.kubeward.model.DockerfileSubstitution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to a parsed Dockerfile resource (see docs/dockerfile.md), so each check stays a
 * few lines long. Paths handed out point at instructions, so findings land on their lines.
 */
record DockerfileView(Resource resource) {

    static Optional<DockerfileView> of(Resource r) {
        boolean ours = Kinds.isKubeward(r.apiVersion(), r.kind(), Kinds.DOCKERFILE);
        return ours ? Optional.of(new DockerfileView(r)) : Optional.empty();
    }

    JsonNode root() {
        return resource.object();
    }

    /** Whether an ignore file applies: null when unknown (read from standard input). */
    Boolean dockerignore() {
        JsonNode n = root().get("dockerignore");
        return n == null || !n.isBoolean() ? null : n.booleanValue();
    }

    /**
     * The image repositories the Dockerfile builds ({@code builds}: written by the door from
     * {@code images.builds}, normalised as {@code docker.io/library/nginx}); empty when none.
     */
    List<String> builds() {
        List<String> out = new ArrayList<>();
        root().path("builds").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The escape character of the parser directives, which also keeps a '$' literal. */
    char escape() {
        String e = root().path("directives").path("escape").asText("\\");
        return e.isEmpty() ? '\\' : e.charAt(0);
    }

    /**
     * Defaults of the ARGs before the first FROM, each substituted with those before it. An ARG
     * without default, or whose default uses an unknown variable, is left out (unknown).
     */
    Map<String, String> globalArgDefaults() {
        Map<String, String> out = new HashMap<>();
        for (JsonNode arg : root().path("globalArgs")) {
            for (String[] pair : new Step(arg, JsonPath.ROOT, false).pairs()) {
                Optional<String> value = pair[1] == null ? Optional.empty() : DockerfileSubstitution.expandKnown(pair[1], out, escape());
                value.ifPresentOrElse(v -> out.put(pair[0], v), () -> out.remove(pair[0]));
            }
        }
        return out;
    }

    List<Stage> stages() {
        List<Stage> out = new ArrayList<>();
        JsonNode stages = root().path("stages");
        for (int i = 0; i < stages.size(); i++) {
            out.add(new Stage(this, i, stages.path(i), JsonPath.ROOT.key("stages").index(i)));
        }
        return out;
    }

    /** The stage a plain {@code docker build} produces: the last one. */
    Stage finalStage() {
        List<Stage> s = stages();
        return s.get(s.size() - 1);
    }

    /**
     * Every instruction, ONBUILD triggers included (they run in every image built on this one):
     * global ARGs first, then each stage's in order.
     */
    List<Step> allSteps() {
        List<Step> out = new ArrayList<>();
        JsonNode args = root().path("globalArgs");
        for (int i = 0; i < args.size(); i++) {
            Step.addWithTrigger(out, args.path(i), JsonPath.ROOT.key("globalArgs").index(i));
        }
        for (Stage s : stages()) {
            for (Step step : s.instructions()) {
                Step.addWithTrigger(out, step.node(), step.path());
            }
        }
        return out;
    }

    /** One build stage. */
    record Stage(DockerfileView file, int index, JsonNode node, JsonPath path) {
        String image() {
            return node.path("image").asText("");
        }

        /** The earlier stage this one builds on, if its FROM names one. */
        Optional<Stage> parent() {
            JsonNode p = node.get("fromStage");
            return p == null || !p.isInt() ? Optional.empty() : Optional.of(file.stages().get(p.intValue()));
        }

        /** This stage, then the stages it builds on, nearest first. */
        List<Stage> lineage() {
            List<Stage> out = new ArrayList<>();
            for (Optional<Stage> s = Optional.of(this); s.isPresent(); s = s.get().parent()) {
                out.add(s.get());
            }
            return out;
        }

        /** The external image at the root of the lineage (the last stage that is not FROM a stage). */
        Stage baseStage() {
            List<Stage> l = lineage();
            return l.get(l.size() - 1);
        }

        /**
         * The image this stage starts from when it is a real registry image: not an earlier
         * stage, not {@code scratch}, and fully resolved (an ARG without default leaves it empty).
         */
        Optional<ImageRef> externalImage() {
            String image = image();
            if (parent().isPresent() || image.isBlank() || image.equalsIgnoreCase("scratch") || image.contains("$")) {
                return Optional.empty();
            }
            return Optional.of(ImageRef.parse(image));
        }

        /**
         * The registry images this stage's instructions pull besides its base: {@code COPY --from=IMAGE}
         * and {@code RUN --mount=…,from=IMAGE}, where IMAGE is not an earlier stage. Like
         * {@link #externalImage()}, references left unresolved by a variable are not included.
         */
        List<ImageUse> pulledImages() {
            List<ImageUse> out = new ArrayList<>();
            for (Step step : instructions()) {
                ImageUse.add(out, step, step.node().path("fromImage").asText(""), false);
                for (JsonNode mount : step.node().path("mountsFrom")) {
                    ImageUse.add(out, step, mount.path("fromImage").asText(""), true);
                }
            }
            return out;
        }

        /**
         * {@code text} of instruction {@code index} with its variables substituted as Docker would, or
         * empty when the Dockerfile does not determine them (see {@link #variablesBefore}).
         */
        Optional<String> substitute(int index, String text) {
            return DockerfileSubstitution.expandKnown(text, variablesBefore(index), file.escape());
        }

        /**
         * The variables in scope for instruction {@code index}, with the values the Dockerfile gives
         * them: ARGs declared earlier in this stage (a global ARG only when re-declared here, with
         * the global default unless it gives its own) and ENVs set earlier in this stage or inherited
         * from the stage it builds on; ENV wins over an ARG of the same name. Left out, as unknown:
         * ARGs without any default (a --build-arg may set them), ARGs of the parent stage (not
         * inherited), and whatever the base image's own ENV sets.
         */
        Map<String, String> variablesBefore(int index) {
            Map<String, String> args = new HashMap<>();
            Map<String, String> env = envBefore(index, args);
            Map<String, String> vars = new HashMap<>(args);
            env.forEach((name, value) -> {
                if (value == null) {
                    vars.remove(name);
                } else {
                    vars.put(name, value);
                }
            });
            return vars;
        }

        /** ENV before instruction {@code index} (null: set to something unknown), filling {@code args} on the way. */
        private Map<String, String> envBefore(int index, Map<String, String> args) {
            Map<String, String> env = parent().map(p -> p.envBefore(p.instructions().size(), new HashMap<>()))
                    .orElseGet(HashMap::new);
            Map<String, String> globals = file.globalArgDefaults();
            List<Step> steps = instructions();
            for (int i = 1; i < Math.min(index, steps.size()); i++) {
                Step step = steps.get(i);
                if (!step.is("ARG") && !step.is("ENV")) {
                    continue;
                }
                // Every pair of one instruction is substituted with the values from before it.
                Map<String, String> before = new HashMap<>(args);
                env.forEach((name, value) -> {
                    if (value == null) {
                        before.remove(name);
                    } else {
                        before.put(name, value);
                    }
                });
                for (String[] pair : step.pairs()) {
                    if (step.is("ENV")) {
                        env.put(pair[0], DockerfileSubstitution.expandKnown(pair[1], before, file.escape()).orElse(null));
                    } else if (pair[1] != null) {
                        DockerfileSubstitution.expandKnown(pair[1], before, file.escape())
                                .ifPresentOrElse(v -> args.put(pair[0], v), () -> args.remove(pair[0]));
                    } else if (!args.containsKey(pair[0]) && globals.containsKey(pair[0])) {
                        args.put(pair[0], globals.get(pair[0]));
                    }
                }
            }
            return env;
        }

        /** The stage's own instructions, FROM first; ONBUILD triggers stay wrapped. */
        List<Step> instructions() {
            List<Step> out = new ArrayList<>();
            JsonNode list = node.path("instructions");
            for (int i = 0; i < list.size(); i++) {
                out.add(new Step(list.path(i), path.key("instructions").index(i), false));
            }
            return out;
        }

        Step from() {
            return instructions().get(0);
        }

        String describe() {
            JsonNode name = node.get("name");
            return name == null || name.isNull() ? "stage " + index : "stage \"" + name.asText() + "\"";
        }
    }

    /** An image pulled by COPY --from ({@code mount} false) or RUN --mount from= ({@code mount} true). */
    record ImageUse(Step step, String image, ImageRef ref, boolean mount) {
        static void add(List<ImageUse> out, Step step, String image, boolean mount) {
            if (!image.isBlank() && !image.contains("$") && !image.equalsIgnoreCase("scratch")) {
                out.add(new ImageUse(step, image, ImageRef.parse(image), mount));
            }
        }

        /** How the Dockerfile names it: {@code COPY --from=nginx:1.27} or {@code RUN --mount from=nginx:1.27}. */
        String describe() {
            return (mount ? "RUN --mount from=" : "COPY --from=") + image;
        }
    }

    /**
     * One instruction. For an ONBUILD trigger, {@code node} is the wrapped instruction and
     * {@code path} its {@code .trigger} path, which locates at the ONBUILD line.
     */
    record Step(JsonNode node, JsonPath path, boolean onbuild) {
        static void addWithTrigger(List<Step> out, JsonNode node, JsonPath path) {
            out.add(new Step(node, path, false));
            JsonNode trigger = node.get("trigger");
            if (trigger != null && trigger.isObject()) {
                out.add(new Step(trigger, path.key("trigger"), true));
            }
        }

        String keyword() {
            return node.path("keyword").asText();
        }

        boolean is(String keyword) {
            return keyword().equals(keyword);
        }

        String arguments() {
            return node.path("arguments").asText("");
        }

        boolean json() {
            return node.path("json").asBoolean(false);
        }

        List<String> jsonArgs() {
            List<String> out = new ArrayList<>();
            node.path("jsonArgs").forEach(n -> out.add(n.asText()));
            return out;
        }

        /** Values of every flag with this name, in order ({@code --mount} may repeat). */
        List<String> flags(String name) {
            List<String> out = new ArrayList<>();
            for (JsonNode f : node.path("flags")) {
                if (f.path("name").asText().equals(name)) {
                    out.add(f.path("value").isNull() ? "" : f.path("value").asText());
                }
            }
            return out;
        }

        Optional<String> flag(String name) {
            List<String> all = flags(name);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }

        /** ENV/LABEL/ARG pairs as (key, value); value null for an ARG without default. */
        List<String[]> pairs() {
            List<String[]> out = new ArrayList<>();
            for (JsonNode p : node.path("pairs")) {
                out.add(new String[] {p.path("key").asText(), p.path("value").isNull() ? null : p.path("value").asText()});
            }
            return out;
        }

        /**
         * The shell text a RUN executes: the command line (exec form joined by spaces), plus the
         * bodies of its heredocs when they are fed to a shell ({@code RUN <<EOF} or
         * {@code RUN bash <<EOF}), not to another interpreter such as python.
         */
        String shellText() {
            if (json()) {
                return String.join(" ", jsonArgs());
            }
            StringBuilder sb = new StringBuilder(arguments());
            List<ShellScript.Command> commands = ShellScript.parse(arguments());
            String program = commands.isEmpty() ? null : commands.get(0).program();
            boolean shellHeredoc = program == null || program.startsWith("<<") || ShellScript.isShell(program);
            if (shellHeredoc) {
                for (JsonNode h : node.path("heredocs")) {
                    sb.append('\n').append(h.path("body").asText());
                }
            }
            return sb.toString();
        }

        /** Source words of COPY/ADD (all but the destination). */
        List<String> sources() {
            List<String> words = json() ? jsonArgs() : ShellScript.words(arguments());
            return words.size() < 2 ? List.of() : words.subList(0, words.size() - 1);
        }

        String where() {
            return (onbuild ? "ONBUILD " : "") + keyword() + " at line " + node.path("line").asInt();
        }
    }
}
