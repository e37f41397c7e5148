package dev.kubeward.image.scan;

import dev.kubeward.image.catalog.Catalog;
import dev.kubeward.image.oci.Image;
import dev.kubeward.image.oci.ImageException;
import dev.kubeward.image.oci.ImageLoader;
import dev.kubeward.image.oci.Platform;
import dev.kubeward.image.oci.RegistryClient;
import dev.kubeward.image.sbom.SbomReader;
import dev.kubeward.image.vuln.LookupResult;
import dev.kubeward.image.vuln.VulnDb;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scans images: reads each one ({@link ImageLoader}), catalogs its packages ({@link Catalog}) and
 * looks them up in the offline database ({@link VulnDb#lookup}). One image that cannot be read is
 * reported as such and the others are still scanned.
 */
public final class ImageScanner {
    private final VulnDb db;
    private final Path cwd;
    private final Platform platform;
    private final Instant now;
    private final RegistryClient.Options registry;

    /**
     * @param platform the platform taken from a multi-platform image (null: its only one, else linux/amd64)
     */
    public ImageScanner(VulnDb db, Path cwd, Platform platform, Instant now) {
        this(db, cwd, platform, now, RegistryClient.Options.defaults());
    }

    /** @param registry how images named by a registry reference are pulled */
    public ImageScanner(VulnDb db, Path cwd, Platform platform, Instant now, RegistryClient.Options registry) {
        this.db = db;
        this.cwd = cwd;
        this.platform = platform;
        this.now = now;
        this.registry = registry;
    }

    /** An image named as {@code oci:DIR[:REF]}, {@code oci-archive:FILE}, {@code docker-archive:FILE} or {@code registry/repo[:tag][@digest]}. */
    public ImageScan scan(String ref) {
        try (Image image = ImageLoader.open(ref, cwd, platform, registry)) {
            Catalog catalog = Catalog.of(image);
            String digest = image.manifestDigest() != null ? image.manifestDigest().toString() : image.configDigest().toString();
            return result(ref, image.name(), digest, catalog);
        } catch (ImageException e) {
            return ImageScan.failed(ref, e.getMessage());
        } catch (IOException e) {
            return ImageScan.failed(ref, ref + ": " + e.getMessage());
        }
    }

    /**
     * The images an SBOM describes ({@code sbom:FILE}: CycloneDX 1.4–1.6 or SPDX 2.3 JSON, see
     * {@link SbomReader}), each looked up as an image's packages are; one result per image.
     */
    public List<ImageScan> scanSbom(String ref) {
        Path file = cwd.resolve(ref.substring(SBOM.length()));
        try {
            List<ImageScan> out = new ArrayList<>();
            for (SbomReader.SbomImage i : SbomReader.read(file)) {
                LookupResult lookup = db.lookup(i.packages(), now);
                List<String> problems = new ArrayList<>(i.problems());
                problems.addAll(lookup.problems());
                out.add(new ImageScan(ref, i.name(), i.digest(), i.os(), i.packages(), lookup, List.copyOf(problems), null));
            }
            return out;
        } catch (ImageException e) {
            return List.of(ImageScan.failed(ref, e.getMessage()));
        }
    }

    /** The prefix of an SBOM read instead of an image. */
    public static final String SBOM = "sbom:";

    /** An unpacked filesystem. */
    public ImageScan scanRootFs(Path dir) {
        String ref = "rootfs:" + dir;
        try {
            return result(ref, null, null, Catalog.ofRootFs(cwd.resolve(dir)));
        } catch (ImageException e) {
            return ImageScan.failed(ref, e.getMessage());
        }
    }

    private ImageScan result(String ref, String name, String digest, Catalog catalog) {
        LookupResult lookup = db.lookup(catalog.packages(), now);
        List<String> problems = new ArrayList<>(catalog.problems());
        problems.addAll(lookup.problems());
        return new ImageScan(ref, name, digest, catalog.os(), catalog.packages(), lookup, List.copyOf(problems), null);
    }
}
