package dev.kubeward.source.repo;

/**
 * A file or directory that a directory walk left out on purpose, and why: counted in the run
 * summary, named with {@code --verbose}. A directory left out is one entry (its contents are not
 * listed, since not walking them is the point).
 *
 * @param path the path as the walk found it
 * @param rule what decided it: {@code .gitignore:3: dist/}, {@code --exclude 'tests/'}, the chart
 *     directory of a template
 */
public record Exclusion(String path, boolean directory, Reason reason, String rule) {
    /** Why something was left out. */
    public enum Reason {
        /** A .gitignore or .git/info/exclude pattern (and the index does not track it). */
        GIT_IGNORED("ignored by git"),
        /** {@code --exclude} or {@code exclude:} in the configuration. */
        EXCLUDED("excluded"),
        /** kubeward's default: git's own data, dependency and vendored trees. */
        DEFAULT("skipped by default"),
        /** A file under a Helm chart's {@code templates/}: a template, not a manifest. */
        HELM_TEMPLATE("Helm chart template"),
        /** A file a kustomization reads (built by Kustomize, not read as loose YAML), or a base built through its overlay. */
        KUSTOMIZE("read by Kustomize"),
        /** A manifest in a kustomization's directory that the kustomization does not list: kustomize build leaves it out. */
        KUSTOMIZE_UNLISTED("not in its kustomization"),
        /** A symbolic link to a directory above it: following it would walk the same tree forever. */
        LINK_LOOP("symbolic link loop"),
        /** A file or directory reached a second time through a symbolic link: read once. */
        ALREADY_READ("already read through another path"),
        /** A symbolic link whose target does not exist. */
        DANGLING_LINK("dangling symbolic link");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return path + (directory ? "/" : "") + ": " + reason.label + " (" + rule + ")";
    }
}
