package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.ImageRef;
import dev.kubeward.model.Resource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@CheckInfo(
        id = "dockerfile-base-not-minimal",
        title = "Final image built on a full distribution",
        severity = Severity.LOW,
        category = "Dockerfile",
        description = "The final stage (directly or through the stages it builds FROM) starts from a full "
                + "distribution or full language image such as ubuntu, debian, centos, fedora, node, python, "
                + "golang or openjdk, not a slim, alpine, distroless, chainguard or scratch one. Build stages are "
                + "ignored. Lists configurable with dockerfile.fullBases and dockerfile.minimalBases.",
        rationale = "Every package in the runtime image is attack surface and scanner noise: shells, package "
                + "managers, compilers and hundreds of libraries an attacker can use after getting in, and that "
                + "bring CVEs the application never needed.",
        remediation = "Build in a full image, then copy the artefact into a minimal final stage: "
                + "gcr.io/distroless/*, cgr.dev/chainguard/*, alpine, a -slim variant, or scratch for static binaries.",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1610")
public final class DockerfileBaseNotMinimal implements Check {
    /** Official images that ship a whole distribution (the default of dockerfile.fullBases). */
    static final List<String> DEFAULT_FULL = List.of("ubuntu", "debian", "centos", "fedora", "rockylinux",
            "almalinux", "oraclelinux", "amazonlinux", "opensuse/leap", "archlinux", "node", "python", "golang",
            "openjdk", "eclipse-temurin", "amazoncorretto", "ruby", "php", "perl", "rust", "maven", "gradle",
            "buildpack-deps", "mcr.microsoft.com/dotnet/sdk", "registry.access.redhat.com/ubi*");
    /** Images known to be minimal (the default of dockerfile.minimalBases); tags also count, see below. */
    static final List<String> DEFAULT_MINIMAL = List.of("alpine", "busybox", "gcr.io/distroless/*",
            "cgr.dev/*", "registry.access.redhat.com/ubi*-minimal", "registry.access.redhat.com/ubi*-micro",
            "mcr.microsoft.com/dotnet/runtime-deps");
    /** Tag words that mark a minimal variant of a full image: node:20-slim, python:3.12-alpine. */
    private static final List<String> MINIMAL_TAG_WORDS = List.of("slim", "alpine", "distroless", "minimal",
            "micro", "busybox", "chiseled");

    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            DockerfileView.Stage last = file.finalStage();
            DockerfileView.Stage base = last.baseStage();
            Optional<ImageRef> ref = base.externalImage();
            if (ref.isEmpty()) {
                return;
            }
            List<String> full = orDefault(ImagePatterns.configList(context.config().raw(), "fullBases"), DEFAULT_FULL);
            List<String> minimal = orDefault(ImagePatterns.configList(context.config().raw(), "minimalBases"),
                    DEFAULT_MINIMAL);
            if (isMinimal(ref.get(), minimal) || full.stream().noneMatch(p -> ImagePatterns.repositoryMatches(p, ref.get()))) {
                return;
            }
            sink.report(base.from().path(), "the final image is built on " + base.image()
                    + ", a full distribution; a slim, distroless or scratch base would do");
        });
    }

    private static List<String> orDefault(List<String> configured, List<String> fallback) {
        return configured == null ? fallback : configured;
    }

    private static boolean isMinimal(ImageRef ref, List<String> minimal) {
        if (minimal.stream().anyMatch(p -> ImagePatterns.repositoryMatches(p, ref))) {
            return true;
        }
        String tag = ref.tag() == null ? "" : ref.tag().toLowerCase(Locale.ROOT);
        return MINIMAL_TAG_WORDS.stream().anyMatch(tag::contains);
    }
}
