# syntax=docker/dockerfile:1
# kubeward as a container image: the self-contained distribution that ./mvnw package builds (a
# jlinked Java runtime and the jar) on a distroless base: no shell, no package manager, non-root.
#
#   docker build -t kubeward .
#   docker run --rm -v "$PWD:/src:ro" -w /src kubeward scan k8s/ --format sarif
#
# Docker cannot run on the machines this project is built on; the tests scan this file with
# kubeward itself (it must have no finding) and check that its JVM options are the launcher's.

# Build stage: Debian 12 and its OpenJDK 17, whose jmods jlink links from: the toolchain the
# project is built and tested with, and the glibc of the distroless Debian 12 base below.
# Digest of debian:bookworm-slim as pinned in grafana/mcp-grafana's Dockerfile.
FROM debian:bookworm-slim@sha256:56ff6d36d4eb3db13a741b342ec466f121480b5edded42e4b7ee850ce7a418ee AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jdk-headless ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml kubeward README.md ./
COPY src/ src/
COPY examples/ examples/
# The distribution, then its class-data-sharing archive made at the path the final stage runs it
# from (the JVM refuses an archive made for another jar path): kubeward starts in a third of the time.
RUN ./mvnw -B -q -DskipTests package \
    && mv target/dist/kubeward-* /opt/kubeward \
    && cp /opt/kubeward/runtime/bin/java /opt/kubeward/runtime/bin/kubeward \
    && /opt/kubeward/runtime/bin/kubeward -XX:+UseParallelGC -XX:InitialRAMPercentage=3.125 -XX:MaxNewSize=256m -XX:MaxTenuringThreshold=0 \
        -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit=/opt/kubeward/kubeward.jsa -Xlog:cds=off \
        -jar /opt/kubeward/kubeward.jar scan /opt/kubeward/examples --format json --fail-on none >/dev/null

# Final stage: distroless java-base (glibc, zlib, libstdc++ and CA certificates for a Java runtime
# of one's own, and no Java), :nonroot tag, pinned by the digest of
# gcr.io/distroless/java-base-debian12:nonroot used in the Dockerfile of
# AI-Native-2026-07-29-Intuit/arush-adabala-tax-liability (commit ef11154).
FROM gcr.io/distroless/java-base-debian12:nonroot@sha256:a9930cad62d02853d7f3dede7281c4b916cbf74493c2d8d38564121aad92bf6c
COPY --from=build /opt/kubeward /opt/kubeward
# distroless's nonroot user and group, by number, so that runAsNonRoot can verify it.
USER 65532:65532
WORKDIR /src
# A command-line tool, not a service: there is nothing to probe between runs.
HEALTHCHECK NONE
# The runtime's java launcher, copied under the tool's name (it finds its runtime from its own
# path), with the JVM options of the ./kubeward launcher; arguments go to kubeward. The launcher
# runs audit-log without two of them; with no shell here, kubeward.relaunch names audit-log and
# kubeward starts it again without them, passing on standard input, output, signals and exit code.
ENTRYPOINT ["/opt/kubeward/runtime/bin/kubeward", "-XX:+UseParallelGC", "-XX:InitialRAMPercentage=3.125", "-XX:MaxNewSize=256m", "-XX:MaxTenuringThreshold=0", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=/opt/kubeward/kubeward.jsa", "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Dkubeward.relaunch=audit-log", "-jar", "/opt/kubeward/kubeward.jar"]
CMD ["--help"]
