package dev.kubeward.check;

import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.ObjectRef;
import java.time.LocalDate;

/**
 * A configured exemption: findings of the matching checks on matching objects are kept but
 * marked suppressed, with the reason the team gave. Fields are globs; absent means any.
 *
 * @param until the last day the exemption applies (inclusive), or null for no expiry
 * @param site where the exemption is written (its {@code check} key), for the findings about it
 * @param untilSite where its {@code until} is written, or null
 */
public record Exemption(String check, String kind, String namespace, String name, String reason, LocalDate until,
        Site site, Site untilSite) {

    /** The kind of the pseudo-object that findings about the configuration file are reported on. */
    public static final String CONFIG_KIND = "KubewardConfig";

    /**
     * A place in an input where an exemption is written: an object's annotation or an entry of a
     * configuration file (then {@code object} is a {@link #CONFIG_KIND} named by the file).
     */
    public record Site(ObjectRef object, String file, int document, int line, int column, JsonPath path) {
        public static Site inConfig(String file, int line, JsonPath path) {
            return new Site(new ObjectRef(Kinds.KUBEWARD_API_VERSION, CONFIG_KIND, null, file), file, 0, Math.max(line, 1), 1, path);
        }

        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    public Exemption(String check, String kind, String namespace, String name, String reason) {
        this(check, kind, namespace, name, reason, null, null, null);
    }

    public boolean covers(String checkId, ObjectRef ref) {
        return Glob.matches(check, checkId)
                && Glob.matches(kind, ref.kind())
                && Glob.matches(namespace, ref.namespace())
                && Glob.matches(name, ref.name());
    }

    /** True once {@code today} is past the last day of the exemption. */
    public boolean expiredOn(LocalDate today) {
        return until != null && today.isAfter(until);
    }
}
