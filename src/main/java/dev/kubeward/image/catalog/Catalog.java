package dev.kubeward.image.catalog;

import dev.kubeward.image.Package;
import dev.kubeward.image.oci.Image;
import dev.kubeward.image.oci.ImageException;
import dev.kubeward.image.oci.RootFs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packages of an image (or of an unpacked filesystem): its layers streamed once through an
 * {@link Overlay} that keeps the files the catalogers need, then the OS from os-release, the OS
 * package databases, and the language packages not installed by an OS package.
 *
 * @param os       the OS, or null when there is no os-release
 * @param packages every package found, OS packages first
 * @param problems files that could not be read, packages that cannot be matched, said to the user
 * @param files    how many regular files the layers held
 */
public record Catalog(OsInfo os, List<Package> packages, List<String> problems, long files) {

    /** How many layers of an image are read at once. */
    static final int LAYER_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** The catalogers of a scan, the OS release first. */
    static List<Cataloger> catalogers() {
        // Name-based catalogers before the Go one, which takes any executable file left.
        return List.of(new OsReleaseCataloger(), new DpkgCataloger(), new ApkCataloger(), new RpmCataloger(), new JavaCataloger(),
                new PythonCataloger(), new NpmCataloger(), new GoCataloger());
    }

    public static Catalog of(Image image) throws ImageException {
        List<Cataloger> cats = catalogers();
        Overlay overlay = new Overlay(cats);
        // Layers are read (digest, decompression, tar, the catalogers' reading) on every core at once and applied in order.
        image.walk(i -> overlay.reading(), (reading, i) -> overlay.apply(reading), LAYER_THREADS);
        List<String> layers = new ArrayList<>();
        // The diff ID (the digest of the uncompressed tar) names a layer whatever its compression and
        // however the image is stored, as Syft and Trivy name it.
        image.layers().forEach(l -> layers.add(l.diffId() != null ? l.diffId().toString() : l.digest() != null ? l.digest().toString() : null));
        return build(overlay, cats, layers);
    }

    public static Catalog ofRootFs(Path dir) throws ImageException {
        List<Cataloger> cats = catalogers();
        Overlay overlay = new Overlay(cats);
        RootFs.walk(dir, overlay);
        return build(overlay, cats, List.of());
    }

    static Catalog build(Overlay overlay, List<Cataloger> cats) {
        return build(overlay, cats, List.of());
    }

    /** @param layers the digests of the image's layers, base first (none for a filesystem) */
    static Catalog build(Overlay overlay, List<Cataloger> cats, List<String> layers) {
        FileView view = overlay.view();
        OsInfo os = null;
        for (Cataloger c : cats) {
            if (c instanceof OsReleaseCataloger r) {
                os = r.os(view);
            }
        }
        CatalogContext ctx = new CatalogContext(os);
        ctx.problems.addAll(overlay.problems());
        for (Cataloger c : cats) {
            if (c.kind() == Cataloger.Kind.OS) {
                c.catalog(view, ctx);
            }
        }
        int osCount = ctx.packages.size();
        for (Cataloger c : cats) {
            if (c.kind() == Cataloger.Kind.LANGUAGE) {
                c.catalog(view, ctx);
            }
        }
        List<Package> out = new ArrayList<>();
        for (Package p : ctx.packages.subList(0, osCount)) {
            out.add(inLayer(p, view, layers));
        }
        for (Package p : ctx.packages.subList(osCount, ctx.packages.size())) {
            if (!ctx.owned(fileOf(p.path()))) {
                out.add(inLayer(p, view, layers));
            }
        }
        return new Catalog(os, List.copyOf(out), List.copyOf(ctx.problems), overlay.fileCount());
    }

    /** The package with the digest of the layer that last wrote its file. */
    private static Package inLayer(Package p, FileView view, List<String> layers) {
        if (p.path() == null || layers.isEmpty()) {
            return p;
        }
        String file = fileOf(p.path());
        int colon = file.lastIndexOf(':');
        if (colon > 0 && file.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            file = file.substring(0, colon); // /var/lib/dpkg/status:16
        }
        int i = view.layerOf(file);
        return i >= 0 && i < layers.size() && layers.get(i) != null ? p.withLayer(layers.get(i)) : p;
    }

    /** The file a package was found in: the outer archive of {@code /app.jar!/BOOT-INF/lib/x.jar}. */
    static String fileOf(String path) {
        int bang = path.indexOf('!');
        return bang < 0 ? path : path.substring(0, bang);
    }
}
