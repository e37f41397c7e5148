package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.RelatedLocation;
import dev.kubeward.model.ContainerType;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Location;
import dev.kubeward.model.Resource;
import java.util.List;
import java.util.Optional;

/**
 * A check of a workload's container together with the Dockerfile that builds its image
 * ({@link BuildJoins}). What it finds is reported on both files: on the manifest field, with the
 * Dockerfile instruction as related location, and on the Dockerfile instruction, with the manifest
 * field as related location (each only when that file is scanned, not context).
 */
abstract class BuildJoinCheck implements Check {

    /**
     * What is wrong with one join.
     *
     * @param manifestPath the field of the workload the finding points at
     * @param step the Dockerfile instruction it points at
     * @param problem the sentence both findings end with ("the kubelet refuses to start it")
     */
    record Problem(JsonPath manifestPath, DockerfileView.Step step, String manifestSide, String dockerfileSide,
            String problem) {}

    /** The problem with this container and this Dockerfile, if any. */
    Optional<Problem> problem(BuildJoins.Join join, CheckContext context) {
        return Optional.empty();
    }

    /** Every problem with this container and this Dockerfile: {@link #problem}'s, unless a check finds several. */
    List<Problem> problems(BuildJoins.Join join, CheckContext context) {
        return problem(join, context).stream().toList();
    }

    @Override
    public final void check(Resource resource, CheckContext context, FindingSink sink) {
        BuildJoins joins = BuildJoins.of(context.inventory());
        for (BuildJoins.Join j : joins.onWorkload(resource)) {
            problems(j, context).forEach(p -> {
                Location at = j.dockerfile().resource().where(p.step().path());
                sink.report(p.manifestPath(), j.container().describe() + " " + p.manifestSide() + ", and its image "
                        + j.repository() + " is built by " + at.file() + " with " + p.dockerfileSide() + " (line "
                        + at.line() + "): " + p.problem(),
                        List.of(new RelatedLocation(at.file(), at.line(), at.column(), p.dockerfileSide() + " in the Dockerfile of "
                                + j.repository())));
            });
        }
        for (BuildJoins.Join j : joins.onDockerfile(resource)) {
            problems(j, context).forEach(p -> {
                Location at = j.workload().where(p.manifestPath());
                String who = j.workload().displayName() + " " + j.container().describe();
                sink.report(p.step().path(), p.dockerfileSide() + ": " + who + " runs this image (" + j.repository()
                        + ") and " + p.manifestSide() + " (" + at.file() + ":" + at.line() + "): " + p.problem(),
                        List.of(new RelatedLocation(at.file(), at.line(), at.column(), who + " " + p.manifestSide())));
            });
        }
    }

    /** Regular containers and sidecars (init containers with restartPolicy: Always), which keep running. */
    static boolean keepsRunning(dev.kubeward.model.Container c) {
        return c.type() == ContainerType.CONTAINER
                || (c.type() == ContainerType.INIT && "Always".equals(c.node().path("restartPolicy").asText(null)));
    }
}
