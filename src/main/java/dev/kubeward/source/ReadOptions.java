package dev.kubeward.source;

import dev.kubeward.source.helm.HelmOptions;
import dev.kubeward.source.repo.FileSelection;

/**
 * How manifests are read: which files of a directory ({@link FileSelection}) and the namespace
 * that namespaced objects without one go to ({@link ApplyNamespace}), how charts are rendered, and
 * the environment the kustomize binary is looked for on (its {@code PATH}) and run in.
 *
 * @param namespace the {@code -n} namespace, or null for kubectl's default ({@code default}, and
 *     objects that name another namespace keep it)
 * @param helm how Helm charts met in the input are rendered (the namespace is {@code namespace})
 * @param environment the variables Kustomize runs with ({@code PATH} finds it)
 */
public record ReadOptions(FileSelection.Options files, String namespace, HelmOptions helm,
        java.util.Map<String, String> environment) {
    public static final ReadOptions DEFAULT = new ReadOptions(FileSelection.Options.DEFAULT, null);

    public ReadOptions {
        environment = java.util.Map.copyOf(environment);
    }

    public ReadOptions(FileSelection.Options files, String namespace) {
        this(files, namespace, HelmOptions.DEFAULT, System.getenv());
    }

    public ReadOptions withHelm(HelmOptions options) {
        return new ReadOptions(files, namespace, options, environment);
    }

    public ReadOptions withEnvironment(java.util.Map<String, String> variables) {
        return new ReadOptions(files, namespace, helm, variables);
    }
}
