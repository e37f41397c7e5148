package dev.kubeward.source.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DockerfileReaderTest {

    private static JsonNode parse(String text) throws DockerfileSyntaxException {
        return DockerfileReader.read("Dockerfile", text).object();
    }

    private static JsonNode step(JsonNode root, int stage, int index) {
        return root.get("stages").get(stage).get("instructions").get(index);
    }

    @Test
    void resourceIdentityAndOrigin() throws Exception {
        Resource r = DockerfileReader.read("app/Dockerfile", "FROM alpine:3.20\nRUN true\n");
        assertThat(r.apiVersion()).isEqualTo("kubeward.dev/v1");
        assertThat(r.kind()).isEqualTo("Dockerfile");
        assertThat(r.namespace()).isNull();
        assertThat(r.name()).isEqualTo("app/Dockerfile");
        assertThat(r.origin().file()).isEqualTo("app/Dockerfile");
        assertThat(r.object().path("metadata").path("name").asText()).isEqualTo("app/Dockerfile");
        assertThat(r.object().get("dockerignore").isNull()).isTrue();
    }

    static Stream<Arguments> directives() {
        return Stream.of(
                Arguments.of("# escape=`\nFROM a\n", "`", null),
                Arguments.of("#ESCAPE = `\nFROM a\n", "`", null),
                Arguments.of("# syntax=docker/dockerfile:1\n# escape=`\nFROM a\n", "`", "docker/dockerfile:1"),
                // a blank line ends the directives: the escape line below it is a comment
                Arguments.of("# syntax=docker/dockerfile:1\n\n# escape=`\nFROM a\n", "\\", "docker/dockerfile:1"),
                // so does an ordinary comment
                Arguments.of("# hello\n# escape=`\nFROM a\n", "\\", null),
                // and an unknown directive, which is just a comment
                Arguments.of("# foo=bar\n# escape=`\nFROM a\n", "\\", null),
                Arguments.of("FROM a\n# escape=`\n", "\\", null));
    }

    @ParameterizedTest
    @MethodSource
    void directives(String text, String escape, String syntax) throws Exception {
        JsonNode d = parse(text).get("directives");
        assertThat(d.get("escape").asText()).isEqualTo(escape);
        assertThat(d.get("syntax").isNull() ? null : d.get("syntax").asText()).isEqualTo(syntax);
    }

    @Test
    void continuationsWithBackslashCommentsAndBlankLines() throws Exception {
        JsonNode root = parse("FROM debian:12\n"
                + "RUN apt-get update \\\n"
                + "# a comment inside the continuation\n"
                + "    && apt-get install -y curl \\\n"
                + "\n"
                + "    && echo done\n"
                + "USER app\n");
        JsonNode run = step(root, 0, 1);
        assertThat(run.get("arguments").asText())
                .isEqualTo("apt-get update     && apt-get install -y curl     && echo done");
        assertThat(run.get("line").asInt()).isEqualTo(2);
        assertThat(run.get("endLine").asInt()).isEqualTo(6);
        assertThat(step(root, 0, 2).get("line").asInt()).isEqualTo(7);
    }

    @Test
    void backtickEscapeContinuesLinesAndLeavesBackslashesAlone() throws Exception {
        JsonNode root = parse("# escape=`\n\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
                + "RUN dir c:\\ `\n    && echo hi\n"
                + "COPY app\\ c:\\app\\\n");
        assertThat(step(root, 0, 1).get("arguments").asText()).isEqualTo("dir c:\\     && echo hi");
        assertThat(step(root, 0, 2).get("arguments").asText()).isEqualTo("app\\ c:\\app\\");
        assertThat(step(root, 0, 2).get("line").asInt()).isEqualTo(6);
    }

    @Test
    void escapedEscapeAtEndOfLineDoesNotContinue() throws Exception {
        JsonNode root = parse("FROM a\nRUN echo \\\\\nUSER x\n");
        assertThat(step(root, 0, 1).get("arguments").asText()).isEqualTo("echo \\\\");
        assertThat(step(root, 0, 2).get("keyword").asText()).isEqualTo("USER");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CMD [\"node\", \"server.js\"]|true",
        "CMD node server.js|false",
        "CMD [\"node\", 1]|false",
        "CMD [node]|false",
        "CMD [\"a\"] trailing|false",
        "ENTRYPOINT [\"/bin/app\"]|true",
        "RUN [\"sh\", \"-c\", \"echo hi\"]|true"})
    void jsonFormOnlyForAStringArray(String line, boolean json) throws Exception {
        JsonNode in = step(parse("FROM a\n" + line + "\n"), 0, 1);
        assertThat(in.get("json").asBoolean()).isEqualTo(json);
        assertThat(in.get("jsonArgs").isNull()).isEqualTo(!json);
    }

    @Test
    void heredocsSeveralOnOneLineChompedAndQuoted() throws Exception {
        JsonNode root = parse("FROM alpine\n"
                + "RUN <<FILE1 cat > /a && <<-\"FILE2\" cat > /b\n"
                + "one $HOME\n"
                + "FILE1\n"
                + "\ttwo\n"
                + "\tFILE2\n"
                + "COPY <<'EOF' /etc/x.conf\n"
                + "# not a comment, and not an instruction:\n"
                + "FROM nothing\n"
                + "EOF\n"
                + "USER nobody\n");
        JsonNode run = step(root, 0, 1);
        JsonNode docs = run.get("heredocs");
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).get("name").asText()).isEqualTo("FILE1");
        assertThat(docs.get(0).get("body").asText()).isEqualTo("one $HOME\n");
        assertThat(docs.get(0).get("expand").asBoolean()).isTrue();
        assertThat(docs.get(1).get("name").asText()).isEqualTo("FILE2");
        assertThat(docs.get(1).get("body").asText()).isEqualTo("two\n");
        assertThat(docs.get(1).get("chomp").asBoolean()).isTrue();
        assertThat(docs.get(1).get("expand").asBoolean()).isFalse();
        assertThat(run.get("endLine").asInt()).isEqualTo(6);
        JsonNode copy = step(root, 0, 2);
        assertThat(copy.get("heredocs").get(0).get("body").asText())
                .isEqualTo("# not a comment, and not an instruction:\nFROM nothing\n");
        assertThat(root.get("stages")).hasSize(1);
        assertThat(step(root, 0, 3).get("line").asInt()).isEqualTo(11);
    }

    @Test
    void noHeredocInExecFormOrQuotedOrForOtherInstructions() throws Exception {
        JsonNode root = parse("FROM a\nRUN echo \"<<EOF\"\nCMD cat <<EOF\nRUN [\"cat\", \"<<EOF\"]\n");
        for (int i = 1; i <= 3; i++) {
            assertThat(step(root, 0, i).get("heredocs")).isEmpty();
        }
    }

    @Test
    void globalArgsSubstituteIntoFrom() throws Exception {
        JsonNode root = parse("ARG VERSION=1.22\n"
                + "ARG BASE=golang:${VERSION}\n"
                + "ARG UNSET\n"
                + "FROM ${BASE} AS Build\n"
                + "FROM ${UNSET:-debian}:$VERSION-slim\n"
                + "FROM ${UNSET:+never}alpine${UNSET-:3.20}\n");
        assertThat(root.get("globalArgs")).hasSize(3);
        assertThat(root.get("globalArgs").get(2).get("pairs").get(0).get("value").isNull()).isTrue();
        JsonNode stages = root.get("stages");
        assertThat(stages.get(0).get("image").asText()).isEqualTo("golang:1.22");
        assertThat(stages.get(0).get("from").asText()).isEqualTo("${BASE}");
        assertThat(stages.get(0).get("name").asText()).isEqualTo("build");
        assertThat(stages.get(1).get("image").asText()).isEqualTo("debian:1.22-slim");
        assertThat(stages.get(2).get("image").asText()).isEqualTo("alpine:3.20");
    }

    @Test
    void stagesAndCopyFrom() throws Exception {
        JsonNode root = parse("FROM --platform=$BUILDPLATFORM golang:1.22 as builder\n"
                + "RUN go build -o /app .\n"
                + "FROM BUILDER AS test\n"
                + "FROM gcr.io/distroless/static\n"
                + "COPY --from=builder /app /app\n"
                + "COPY --from=0 /app /app2\n"
                + "COPY --from=nginx:1.27 /etc/nginx /etc/nginx\n"
                + "COPY --link --chown=1000:1000 --chmod=755 a b\n");
        JsonNode stages = root.get("stages");
        assertThat(stages.get(0).get("platform").asText()).isEqualTo("$BUILDPLATFORM");
        assertThat(stages.get(1).get("fromStage").asInt()).isEqualTo(0);
        assertThat(stages.get(2).get("fromStage").isNull()).isTrue();
        assertThat(step(root, 2, 1).get("fromStage").asInt()).isEqualTo(0);
        assertThat(step(root, 2, 2).get("fromStage").asInt()).isEqualTo(0);
        assertThat(step(root, 2, 3).get("fromImage").asText()).isEqualTo("nginx:1.27");
        JsonNode flags = step(root, 2, 4).get("flags");
        assertThat(flags).hasSize(3);
        assertThat(flags.get(0).get("name").asText()).isEqualTo("link");
        assertThat(flags.get(0).get("value").isNull()).isTrue();
        assertThat(flags.get(1).get("value").asText()).isEqualTo("1000:1000");
        assertThat(step(root, 2, 4).get("arguments").asText()).isEqualTo("a b");
    }

    @Test
    void runMountFromIsResolvedToAStageOrAnImage() throws Exception {
        JsonNode root = parse("ARG GO=1.22\nFROM alpine AS build\nFROM alpine\n"
                + "RUN --mount=type=cache,target=/c --mount=type=bind,from=golang:${GO},target=/go "
                + "--mount=from=BUILD,target=/b --mount=type=bind,\"from=0\",target=/z make\n"
                + "RUN --mount=type=secret,id=npm make\n");
        JsonNode mounts = step(root, 1, 1).get("mountsFrom");
        assertThat(mounts).hasSize(3);
        assertThat(mounts.get(0).get("from").asText()).isEqualTo("golang:${GO}");
        assertThat(mounts.get(0).get("fromImage").asText()).isEqualTo("golang:1.22");
        assertThat(mounts.get(0).has("fromStage")).isFalse();
        assertThat(mounts.get(1).get("fromStage").asInt()).isZero();
        assertThat(mounts.get(1).has("fromImage")).isFalse();
        assertThat(mounts.get(2).get("fromStage").asInt()).isZero();
        assertThat(step(root, 1, 2).has("mountsFrom")).isFalse();
    }

    @Test
    void repeatedMountFlagsAreKept() throws Exception {
        JsonNode run = step(parse("FROM a\nRUN --mount=type=cache,target=/root/.cache "
                + "--mount=type=secret,id=npm make\n"), 0, 1);
        assertThat(run.get("flags")).hasSize(2);
        assertThat(run.get("arguments").asText()).isEqualTo("make");
    }

    @Test
    void onbuildWrapsAnInstructionWithItsHeredoc() throws Exception {
        JsonNode on = step(parse("FROM a\nonbuild run <<EOF\necho hi\nEOF\n"), 0, 1);
        assertThat(on.get("keyword").asText()).isEqualTo("ONBUILD");
        JsonNode trigger = on.get("trigger");
        assertThat(trigger.get("keyword").asText()).isEqualTo("RUN");
        assertThat(trigger.get("heredocs").get(0).get("body").asText()).isEqualTo("echo hi\n");
    }

    @Test
    void envAndLabelPairsBothForms() throws Exception {
        JsonNode root = parse("FROM a\nENV A=1 B=\"two words\" C='x y'\nENV LEGACY value with spaces\n");
        JsonNode pairs = step(root, 0, 1).get("pairs");
        assertThat(pairs.get(1).get("key").asText()).isEqualTo("B");
        assertThat(pairs.get(1).get("value").asText()).isEqualTo("two words");
        assertThat(pairs.get(2).get("value").asText()).isEqualTo("x y");
        JsonNode legacy = step(root, 0, 2).get("pairs").get(0);
        assertThat(legacy.get("key").asText()).isEqualTo("LEGACY");
        assertThat(legacy.get("value").asText()).isEqualTo("value with spaces");
    }

    @Test
    void pathsLocateInstructionLines() throws Exception {
        Resource r = DockerfileReader.read("Dockerfile", "# comment\nFROM a AS one\n\nFROM b\n  RUN x \\\n   y\nUSER 1\n");
        JsonPath s1 = JsonPath.ROOT.key("stages").index(1);
        assertThat(r.locate(s1).line()).isEqualTo(4);
        assertThat(r.locate(s1.key("instructions").index(1)).line()).isEqualTo(5);
        assertThat(r.locate(s1.key("instructions").index(1)).column()).isEqualTo(3);
        assertThat(r.locate(s1.key("instructions").index(1).key("arguments")).line()).isEqualTo(5);
        assertThat(r.locate(s1.key("instructions").index(2)).line()).isEqualTo(7);
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("", 1, "no instructions"),
                Arguments.of("# only a comment\n", 1, "no instructions"),
                Arguments.of("ARG A=1\n", 1, "no FROM"),
                Arguments.of("RUN echo\nFROM a\n", 1, "before the first FROM"),
                Arguments.of("FROM a\nRUN x\nFOO bar\n", 3, "unknown instruction: FOO"),
                Arguments.of("FROM a\nRUN <<EOF\necho\n", 2, "unterminated heredoc"),
                Arguments.of("# escape=x\nFROM a\n", 1, "invalid escape token"),
                Arguments.of("# escape=`\n# escape=\\\nFROM a\n", 2, "only one escape"),
                Arguments.of("FROM a b\n", 1, "one or three arguments"),
                Arguments.of("FROM a AS 1st\n", 1, "invalid name"),
                Arguments.of("FROM a AS x\nFROM b AS X\n", 2, "duplicate stage name"),
                Arguments.of("FROM a\nONBUILD FROM b\n", 2, "FROM isn't allowed"),
                Arguments.of("FROM a\nONBUILD ONBUILD RUN x\n", 2, "Chaining ONBUILD"),
                Arguments.of("FROM a\nONBUILD BOGUS x\n", 2, "unknown instruction: BOGUS"),
                Arguments.of("FROM a\nSHELL /bin/bash -c\n", 2, "JSON form"),
                Arguments.of("FROM a\n\nCOPY onlyone\n", 3, "at least two"),
                Arguments.of("FROM a\nUSER\n", 2, "at least one argument"),
                Arguments.of("FROM a\nENV A=1 B\n", 2, "can't find ="),
                // FROM sees only the ARGs before the first FROM; one declared later leaves the base blank
                Arguments.of("FROM alpine\nARG IMG=ubuntu\nFROM ${IMG}\n", 3, "base name (${IMG}) should not be blank"),
                Arguments.of("FROM $IMG\n", 1, "base name ($IMG) should not be blank"),
                Arguments.of("ARG TAG=1\nFROM ${IMG}:$TAG\n", 2, "base name (${IMG}:$TAG) has no repository name (it expands to \":1\")"),
                Arguments.of("FROM ${IMG:+x}\n", 1, "should not be blank"));
    }

    /** A blank base that a --build-arg can fill is not an error: only ARGs no build can set are. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FROM ${IMG:-ubuntu}\\n|ubuntu",
        "FROM alpine\\nARG IMG=debian\\nFROM ${IMG:-ubuntu}\\n|ubuntu",
        "ARG IMG=debian\\nFROM alpine\\nFROM ${IMG:-ubuntu}\\n|debian",
        "ARG IMG\\nFROM ${IMG}\\n|''",
        "ARG IMG=\\nFROM $IMG\\n|''",
    })
    void baseNamesFromArgs(String text, String image) throws Exception {
        JsonNode stages = parse(text.replace("\\n", "\n")).get("stages");
        assertThat(stages.get(stages.size() - 1).get("image").asText()).isEqualTo(image);
    }

    @ParameterizedTest
    @MethodSource
    void syntaxErrors(String text, int line, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(DockerfileSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @ParameterizedTest
    @CsvSource({
        "Dockerfile,true", "Containerfile,true", "dockerfile,true", "api.Dockerfile,true",
        "api.dockerfile,true", "Dockerfile.prod,true", "Containerfile.dev,true",
        "Dockerfile.dockerignore,false", ".dockerignore,false", "Dockerfiles,false",
        "my-dockerfile,false", ".dockerfile,false", "deployment.yaml,false",
        // documents about Dockerfiles, as found in repositories
        "dockerfile.md,false", "Dockerfile.README.txt,false", "Dockerfile.html,false"})
    void dockerfileNames(String name, boolean expected) {
        assertThat(DockerfileReader.isDockerfileName(Path.of("dir", name))).isEqualTo(expected);
    }

    @Test
    void dockerignoreBesideTheFile(@TempDir Path dir) throws Exception {
        Path df = dir.resolve("Dockerfile");
        Files.writeString(df, "FROM a\n");
        assertThat(DockerfileReader.read(df).object().get("dockerignore").asBoolean()).isFalse();
        Files.writeString(dir.resolve("Dockerfile.dockerignore"), "*\n");
        assertThat(DockerfileReader.read(df).object().get("dockerignore").asBoolean()).isTrue();
        Path other = dir.resolve("api.Dockerfile");
        Files.writeString(other, "FROM a\n");
        assertThat(DockerfileReader.hasDockerignore(other)).isFalse();
        Files.writeString(dir.resolve(".dockerignore"), "*\n");
        assertThat(DockerfileReader.hasDockerignore(other)).isTrue();
    }
}
