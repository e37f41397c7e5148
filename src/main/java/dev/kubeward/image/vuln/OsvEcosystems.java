package dev.kubeward.image.vuln;

import java.util.Locale;

/** OSV's names for the operating systems of images, from {@code /etc/os-release}. */
public final class OsvEcosystems {
    private OsvEcosystems() {}

    /**
     * The OSV ecosystem with its release for an {@code /etc/os-release} {@code ID} and
     * {@code VERSION_ID}: {@code debian 12} → {@code Debian:12}, {@code alpine 3.20.3} →
     * {@code Alpine:v3.20}, {@code ubuntu 22.04} → {@code Ubuntu:22.04:LTS} (even-year April releases
     * are LTS), {@code almalinux 9.4} → {@code AlmaLinux:9}, {@code rocky 9.3} → {@code Rocky Linux:9},
     * {@code rhel 9.4} → {@code Red Hat:enterprise_linux:9}; null for an OS OSV has no data for.
     */
    public static String forOsRelease(String id, String versionId) {
        if (id == null) {
            return null;
        }
        String v = versionId == null ? "" : versionId.strip();
        String major = v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
        switch (id.strip().toLowerCase(Locale.ROOT)) {
            case "debian":
                return v.isEmpty() ? "Debian" : "Debian:" + major;
            case "alpine": {
                String[] parts = v.split("\\.");
                return parts.length >= 2 ? "Alpine:v" + parts[0] + "." + parts[1] : "Alpine";
            }
            case "ubuntu": {
                String[] parts = v.split("\\.");
                boolean lts = parts.length == 2 && parts[1].equals("04") && parts[0].matches("\\d+")
                        && Integer.parseInt(parts[0]) % 2 == 0;
                return v.isEmpty() ? "Ubuntu" : "Ubuntu:" + (parts.length >= 2 ? parts[0] + "." + parts[1] : v) + (lts ? ":LTS" : "");
            }
            case "almalinux":
                return v.isEmpty() ? "AlmaLinux" : "AlmaLinux:" + major;
            case "rocky":
                return v.isEmpty() ? "Rocky Linux" : "Rocky Linux:" + major;
            case "rhel":
                return v.isEmpty() ? "Red Hat" : "Red Hat:enterprise_linux:" + major;
            case "wolfi":
                return "Wolfi";
            case "chainguard":
                return "Chainguard";
            default:
                return null;
        }
    }

    /** The address of an ecosystem's whole OSV data ({@code all.zip}) in OSV's public bucket. */
    public static String allZipUrl(String ecosystem) {
        return "https://osv-vulnerabilities.storage.googleapis.com/" + ecosystem.replace(" ", "%20") + "/all.zip";
    }
}
