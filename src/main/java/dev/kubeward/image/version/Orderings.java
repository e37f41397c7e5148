package dev.kubeward.image.version;

import java.util.Map;
import java.util.Optional;

/**
 * Which ordering each OSV ecosystem's {@code ECOSYSTEM} ranges use ({@code SEMVER} ranges always
 * use {@link SemVer#STRICT}). An ecosystem that is not here has no faithful ordering in kubeward:
 * its packages are reported as unmatched, never compared by a guess.
 *
 * <table>
 * <caption>ecosystem → ordering</caption>
 * <tr><td>Debian, Ubuntu</td><td>{@link Dpkg}</td></tr>
 * <tr><td>Alpine, Chainguard, Wolfi, MinimOS</td><td>{@link Apk} (the last three build with apk)</td></tr>
 * <tr><td>Red Hat, AlmaLinux, Rocky Linux, openSUSE, SUSE, openEuler, Mageia, Photon OS</td><td>{@link Rpm}</td></tr>
 * <tr><td>PyPI</td><td>{@link Pep440}</td></tr>
 * <tr><td>Maven</td><td>{@link MavenVersion}</td></tr>
 * <tr><td>npm</td><td>{@link SemVer#NPM}</td></tr>
 * <tr><td>crates.io, Hex, SwiftURL</td><td>{@link SemVer#STRICT} (Cargo's semver crate, Elixir's
 * Version and SwiftPM all order SemVer 2.0)</td></tr>
 * <tr><td>Go</td><td>{@link SemVer#STRICT}, the package's module version first turned into OSV's form
 * by {@link GoModuleVersion#toSemVer} (OSV writes Go versions without the {@code v})</td></tr>
 * <tr><td>RubyGems</td><td>{@link RubyGemsVersion}</td></tr>
 * <tr><td>NuGet</td><td>{@link NuGetVersion}</td></tr>
 * </table>
 */
public final class Orderings {
    private Orderings() {}

    private static final Map<String, VersionOrdering> BY_ECOSYSTEM = Map.ofEntries(
            Map.entry("Debian", Dpkg.INSTANCE),
            Map.entry("Ubuntu", Dpkg.INSTANCE),
            Map.entry("Alpine", Apk.INSTANCE),
            Map.entry("Chainguard", Apk.INSTANCE),
            Map.entry("Wolfi", Apk.INSTANCE),
            Map.entry("MinimOS", Apk.INSTANCE),
            Map.entry("Red Hat", Rpm.INSTANCE),
            Map.entry("AlmaLinux", Rpm.INSTANCE),
            Map.entry("Rocky Linux", Rpm.INSTANCE),
            Map.entry("openSUSE", Rpm.INSTANCE),
            Map.entry("SUSE", Rpm.INSTANCE),
            Map.entry("openEuler", Rpm.INSTANCE),
            Map.entry("Mageia", Rpm.INSTANCE),
            Map.entry("Photon OS", Rpm.INSTANCE),
            Map.entry("PyPI", Pep440.INSTANCE),
            Map.entry("Maven", MavenVersion.INSTANCE),
            Map.entry("npm", SemVer.NPM),
            Map.entry("crates.io", SemVer.STRICT),
            Map.entry("Hex", SemVer.STRICT),
            Map.entry("SwiftURL", SemVer.STRICT),
            Map.entry("Go", SemVer.STRICT),
            Map.entry("RubyGems", RubyGemsVersion.INSTANCE),
            Map.entry("NuGet", NuGetVersion.INSTANCE));

    /** The base of an OSV ecosystem name: {@code Debian:12} → {@code Debian}. */
    public static String base(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    }

    /** The ordering of an ecosystem's {@code ECOSYSTEM} ranges (release suffixes ignored). */
    public static Optional<VersionOrdering> forEcosystem(String ecosystem) {
        return ecosystem == null ? Optional.empty() : Optional.ofNullable(BY_ECOSYSTEM.get(base(ecosystem)));
    }
}
