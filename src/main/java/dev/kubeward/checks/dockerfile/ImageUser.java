package dev.kubeward.checks.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The user the image built by a Dockerfile runs as, as the container runtime reads the image's
 * {@code User}: the last USER of the final stage or of the stages it builds FROM (USER does not
 * cross into an unrelated stage), its variables substituted; the part before {@code :} is the user,
 * a number (Go's ParseInt: optional sign, decimal digits) is a uid and anything else a user name.
 * With no USER at all the base image decides: {@code scratch} has none, so uid 0.
 *
 * @param step the USER instruction, or the final stage's FROM when there is none
 * @param user the user part of the resolved USER ({@code app}, {@code 1000}), or null when there is no USER
 * @param written the USER argument as written, or null
 * @param resolved it with its variables substituted, or null
 * @param base the base image when there is no USER and it is not scratch, else null
 */
record ImageUser(DockerfileView.Step step, String user, String written, String resolved, String base) {

    /** What the Dockerfile says, or empty when a variable it does not determine leaves the user unknown. */
    static Optional<ImageUser> of(DockerfileView file) {
        DockerfileView.Stage last = file.finalStage();
        for (DockerfileView.Stage stage : last.lineage()) {
            List<DockerfileView.Step> steps = stage.instructions();
            for (int i = steps.size() - 1; i >= 0; i--) {
                DockerfileView.Step s = steps.get(i);
                if (s.is("USER")) {
                    String written = s.arguments().strip();
                    Optional<String> resolved = stage.substitute(i, written);
                    if (resolved.isEmpty()) {
                        return Optional.empty();
                    }
                    String u = resolved.get().strip();
                    int colon = u.indexOf(':');
                    return Optional.of(new ImageUser(s, colon < 0 ? u : u.substring(0, colon), written, u, null));
                }
            }
        }
        DockerfileView.Stage base = last.baseStage();
        String image = base.image();
        if (image.isBlank() || image.contains("$")) {
            return Optional.empty();
        }
        boolean scratch = image.equalsIgnoreCase("scratch");
        return Optional.of(new ImageUser(last.from(), null, null, null, scratch ? null : image));
    }

    boolean hasUser() {
        return user != null;
    }

    /** No USER and FROM scratch: the runtime finds no user and runs uid 0. */
    boolean scratchWithoutUser() {
        return user == null && base == null;
    }

    /** The uid when the user is numeric; empty for a name (and for a number beyond 64 bits, see {@link #invalidUid}). */
    Optional<Long> uid() {
        if (user == null || !user.matches("[+-]?[0-9]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(user));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A number the kubelet rejects as a user id: outside 1..2147483647 (0 is root, said apart). */
    boolean invalidUid() {
        if (user == null || !user.matches("[+-]?[0-9]+")) {
            return false;
        }
        Optional<Long> uid = uid();
        return uid.isEmpty() || uid.get() < 0 || uid.get() > Integer.MAX_VALUE;
    }

    boolean numeric() {
        return user != null && user.matches("[+-]?[0-9]+");
    }

    /** root by name or uid 0. */
    boolean root() {
        return user != null && (user.equals("root") || uid().map(u -> u == 0).orElse(false));
    }

    /** No USER, and a base tagged nonroot (distroless :nonroot), which sets a non-root user. */
    boolean nonRootBase() {
        if (base == null) {
            return false;
        }
        String tag = dev.kubeward.model.ImageRef.parse(base).tag();
        return tag != null && tag.toLowerCase(Locale.ROOT).contains("nonroot");
    }

    /** "USER app" or "USER ${U} (app)" or "no USER (FROM scratch)". */
    String describe() {
        if (written != null) {
            return "USER " + written + (written.equals(resolved) ? "" : " (" + resolved + ")");
        }
        return base == null ? "no USER (FROM scratch)" : "no USER (FROM " + base + ")";
    }
}
