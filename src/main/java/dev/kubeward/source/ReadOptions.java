package dev.kubeward.source;

import dev.kubeward.source.repo.FileSelection;

/**
 * How manifests are read: which files of a directory ({@link FileSelection}) and the namespace
 * that namespaced objects without one go to ({@link ApplyNamespace}).
 *
 * @param namespace the {@code -n} namespace, or null for kubectl's default ({@code default}, and
 *     objects that name another namespace keep it)
 */
public record ReadOptions(FileSelection.Options files, String namespace) {
    public static final ReadOptions DEFAULT = new ReadOptions(FileSelection.Options.DEFAULT, null);
}
