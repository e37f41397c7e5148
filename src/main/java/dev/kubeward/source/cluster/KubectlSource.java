package dev.kubeward.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads the workloads of a live cluster through kubectl, so that every way people authenticate
 * (client certificates, tokens, exec plugins such as aws-iam-authenticator or gke-gcloud-auth-plugin,
 * OIDC) works exactly as it does for them, with their kubeconfig and context.
 *
 * <p>Only top-level workloads are kept: a Pod or ReplicaSet whose controller is another listed
 * workload is that workload's copy, and listing it again would repeat one image per replica.
 */
public final class KubectlSource {
    /** What kubectl is asked for: every kind that carries a pod template, and bare Pods. */
    static final String KINDS = "pods,replicationcontrollers,podtemplates,deployments.apps,replicasets.apps,"
            + "statefulsets.apps,daemonsets.apps,jobs.batch,cronjobs.batch";
    private static final Set<String> CONTROLLER_KINDS = Set.of("ReplicationController", "Deployment", "ReplicaSet",
            "StatefulSet", "DaemonSet", "Job", "CronJob");
    private static final long TIMEOUT_SECONDS = 300;

    /** How to reach the cluster; null fields mean kubectl's own defaults. */
    public record Target(String kubectl, String kubeconfig, String context) {
        List<String> command() {
            List<String> cmd = new ArrayList<>(List.of(kubectl == null ? "kubectl" : kubectl));
            if (kubeconfig != null) {
                cmd.add("--kubeconfig=" + kubeconfig);
            }
            if (context != null) {
                cmd.add("--context=" + context);
            }
            cmd.addAll(List.of("get", KINDS, "--all-namespaces", "--output=json"));
            return cmd;
        }

        /** The name findings and errors give as the "file" the objects came from. */
        String sourceName() {
            return "cluster:" + (context == null ? "current-context" : context);
        }
    }

    private KubectlSource() {}

    public static LoadResult load(Target target) {
        String name = target.sourceName();
        String json;
        try {
            json = run(target.command());
        } catch (KubectlFailure e) {
            return new LoadResult(List.of(), List.of(), List.of(new InputError(name, 0, e.getMessage())), 0);
        }
        LoadResult all = new ManifestLoader().loadText(name, json);
        List<Resource> topLevel = all.resources().stream().filter(r -> !ownedByListedController(r)).toList();
        return new LoadResult(topLevel, all.skipped(), all.errors(), 1);
    }

    static boolean ownedByListedController(Resource r) {
        for (JsonNode owner : r.object().path("metadata").path("ownerReferences")) {
            if (owner.path("controller").asBoolean(false) && CONTROLLER_KINDS.contains(owner.path("kind").asText())) {
                return true;
            }
        }
        return false;
    }

    /** kubectl could not be run, or said no; the message is for the user as it stands. */
    static final class KubectlFailure extends Exception {
        KubectlFailure(String message) {
            super(message);
        }
    }

    private static String run(List<String> command) throws KubectlFailure {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new KubectlFailure("cannot run " + command.get(0) + " (--cluster reads the cluster through kubectl: "
                    + "install it, or name it with --kubectl or KUBEWARD_KUBECTL): " + e.getMessage());
        }
        // Both streams are drained at once: a kubectl that fills the pipe it is not read from would hang.
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new KubectlFailure("kubectl did not answer within " + TIMEOUT_SECONDS + " s");
            }
            byte[] errBytes = err.join();
            String stderr = errBytes == null ? "" : new String(errBytes, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new KubectlFailure("kubectl failed (exit " + process.exitValue() + ")"
                        + (stderr.isEmpty() ? "" : ": " + summary(stderr)));
            }
            byte[] answer = out.join();
            if (answer == null) {
                throw new KubectlFailure("kubectl's answer is larger than " + (ManifestLoader.MAX_SOURCE_BYTES >> 20)
                        + " MiB: narrow it with --context, or scan a saved 'kubectl get -o yaml' dump by parts");
            }
            return new String(answer, StandardCharsets.UTF_8);
        } catch (java.util.concurrent.CompletionException e) {
            throw new KubectlFailure("cannot read kubectl's answer: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KubectlFailure("interrupted while waiting for kubectl");
        }
    }

    /**
     * kubectl's own conclusion: the last line of what it printed. Before it come client-go's
     * retry logs (a dozen "Unhandled Error" lines for an unreachable server), which say the same.
     */
    static String summary(String stderr) {
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** All of a stream, or null when it held more than a source may (it is still drained, so kubectl can exit). */
    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
            byte[] chunk = new byte[64 * 1024];
            boolean tooLarge = false;
            int n;
            while ((n = in.read(chunk)) > 0) {
                tooLarge |= buffer.size() + n > ManifestLoader.MAX_SOURCE_BYTES;
                if (!tooLarge) {
                    buffer.write(chunk, 0, n);
                }
            }
            return tooLarge ? null : buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
