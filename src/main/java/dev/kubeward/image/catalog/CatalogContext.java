package dev.kubeward.image.catalog;

import dev.kubeward.image.Package;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What catalogers share while the catalog is built: the OS, the packages so far, the files OS packages own. */
public final class CatalogContext {
    private final OsInfo os;
    final List<Package> packages = new ArrayList<>();
    final Set<String> owned = new HashSet<>();
    final List<String> problems = new ArrayList<>();

    CatalogContext(OsInfo os) {
        this.os = os;
    }

    /** The image's OS, or null when it has no os-release. */
    public OsInfo os() {
        return os;
    }

    public void add(Package p) {
        packages.add(p);
    }

    /** A file an OS package installed: a language package found in it is the OS package's, not reported again. */
    public void own(String path) {
        owned.add(path);
    }

    public boolean owned(String path) {
        return owned.contains(path);
    }

    /** A problem worth telling the user (a database that could not be read, packages that cannot be matched). */
    public void problem(String message) {
        problems.add(message);
    }
}
