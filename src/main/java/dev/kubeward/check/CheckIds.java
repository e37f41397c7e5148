package dev.kubeward.check;

import dev.kubeward.model.Inventory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The check ids one scan knows: the registry's slugs ({@code privileged-container}) and the
 * namespaced ids ({@code vap:NAME}) that {@link CheckIdNamespace}s derive from the inventory. One
 * rule answers whether an exemption's id or glob names anything, for annotations and the
 * configuration alike: an id must exist, and a glob must match at least one id.
 */
public final class CheckIds {
    private final Set<String> ids;
    private final Map<String, Namespace> namespaces;

    private record Namespace(CheckIdNamespace definition, Set<String> names) {}

    private CheckIds(Set<String> ids, Map<String, Namespace> namespaces) {
        this.ids = ids;
        this.namespaces = namespaces;
    }

    /** The registry's ids and those of the given namespaces, for this inventory. */
    public static CheckIds of(Set<String> registryIds, List<CheckIdNamespace> namespaces, Inventory inventory) {
        Map<String, Namespace> byPrefix = new LinkedHashMap<>();
        for (CheckIdNamespace n : namespaces) {
            byPrefix.put(n.prefix(), new Namespace(n, Set.copyOf(n.names(inventory))));
        }
        return new CheckIds(Set.copyOf(registryIds), byPrefix);
    }

    /** The namespaces registered on the class path (none is built in yet). */
    public static List<CheckIdNamespace> installedNamespaces() {
        List<CheckIdNamespace> out = new ArrayList<>();
        ServiceLoader.load(CheckIdNamespace.class, CheckIds.class.getClassLoader()).forEach(out::add);
        return out;
    }

    static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /**
     * Why an exemption's {@code check} names nothing, or null when it names at least one check.
     *
     * @param idOrGlob an id ({@code run-as-root}, {@code vap:require-labels}) or a glob ({@code image-*})
     */
    public String problem(String idOrGlob) {
        if (isGlob(idOrGlob)) {
            if (ids.stream().anyMatch(id -> Glob.matches(idOrGlob, id))) {
                return null;
            }
            for (Map.Entry<String, Namespace> e : namespaces.entrySet()) {
                for (String name : e.getValue().names()) {
                    if (Glob.matches(idOrGlob, e.getKey() + ":" + name)) {
                        return null;
                    }
                }
            }
            return "'" + idOrGlob + "' matches no check (see 'kubeward checks')";
        }
        int colon = idOrGlob.indexOf(':');
        if (colon < 0) {
            return ids.contains(idOrGlob) ? null : "unknown check '" + idOrGlob + "' (see 'kubeward checks')";
        }
        String prefix = idOrGlob.substring(0, colon);
        Namespace ns = namespaces.get(prefix);
        if (ns == null) {
            return "unknown check '" + idOrGlob + "': no engine defines ids '" + prefix + ":…'"
                    + (namespaces.isEmpty() ? "" : " (namespaced ids: " + String.join(":…, ", namespaces.keySet()) + ":…)");
        }
        String name = idOrGlob.substring(colon + 1);
        return ns.names().contains(name) ? null : "unknown check '" + idOrGlob + "': '" + name + "' is not among "
                + ns.definition().describe() + " in this scan (--context adds objects that are not reported on)";
    }
}
