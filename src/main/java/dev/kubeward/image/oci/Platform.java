package dev.kubeward.image.oci;

import java.util.Locale;

/**
 * An image platform as {@code --platform} writes it, {@code os/architecture[/variant]}
 * ({@code linux/amd64}, {@code linux/arm64/v8}), matched against an index's entries as containerd's
 * platform matcher does for the common cases: os and architecture equal, the variant equal when
 * both give one ({@code arm64} without a variant is {@code v8}).
 */
public record Platform(String os, String architecture, String variant) {
    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

    public static Platform parse(String s) {
        String[] parts = s == null ? new String[0] : s.strip().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()
                || (parts.length == 3 && parts[2].isEmpty())) {
            throw new IllegalArgumentException("'" + s + "' is not a platform such as linux/amd64 or linux/arm64/v8");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** Whether an index entry's platform ({@code os}, {@code architecture}, {@code variant}) is this one. */
    public boolean matches(String os, String arch, String var) {
        if (!this.os.equals(lower(os)) || !architecture.equals(lower(arch))) {
            return false;
        }
        String want = normalVariant(architecture, variant);
        String have = normalVariant(architecture, lower(var));
        return want == null || have == null || want.equals(have);
    }

    private static String normalVariant(String arch, String v) {
        if (v == null || v.isEmpty()) {
            return arch.equals("arm64") ? "v8" : null;
        }
        return v;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
