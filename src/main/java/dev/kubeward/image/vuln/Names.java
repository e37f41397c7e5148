package dev.kubeward.image.vuln;

import java.util.Locale;

/** How each ecosystem compares package names, applied alike to the index and to the packages looked up. */
final class Names {
    private Names() {}

    /**
     * PyPI: PEP 503 normalization (runs of {@code -_.} become one {@code -}, lowercase); NuGet and
     * Packagist: case-insensitive; every other ecosystem: exact.
     */
    private static final java.util.regex.Pattern PEP503 = java.util.regex.Pattern.compile("[-_.]+");

    static String normalize(String ecosystemBase, String name) {
        return switch (ecosystemBase) {
            case "PyPI" -> PEP503.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
            case "NuGet", "Packagist" -> name.toLowerCase(Locale.ROOT);
            default -> name;
        };
    }
}
