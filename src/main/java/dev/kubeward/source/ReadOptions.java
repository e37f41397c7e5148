package dev.kubeward.source;

import dev.kubeward.source.helm.HelmOptions;
import dev.kubeward.source.repo.FileSelection;

/**
 * How manifests are read: which files of a directory ({@link FileSelection}) and the namespace
 * that namespaced objects without one go to ({@link ApplyNamespace}).
 *
 * @param namespace the {@code -n} namespace, or null for kubectl's default ({@code default}, and
 *     objects that name another namespace keep it)
 * @param helm how Helm charts met in the input are rendered (the namespace is {@code namespace})
 */
public record ReadOptions(FileSelection.Options files, String namespace, HelmOptions helm) {
    public static final ReadOptions DEFAULT = new ReadOptions(FileSelection.Options.DEFAULT, null);

    public ReadOptions(FileSelection.Options files, String namespace) {
        this(files, namespace, HelmOptions.DEFAULT);
    }

    public ReadOptions withHelm(HelmOptions options) {
        return new ReadOptions(files, namespace, options);
    }
}
