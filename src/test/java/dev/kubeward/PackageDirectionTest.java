package dev.kubeward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Readers and engines depend one way only (docs/architecture.md, /work/shared/DESIGN.md): an
 * engine uses {@code model} (and other engines), never a reader, a check, a format, a door or the
 * CLI; a reader uses {@code model}, never an engine, a check or a format; the check SPI and the checks
 * use engines and {@code model}, never a reader (what they need is in {@code model}, or found through
 * it, as {@code EmbeddedDocuments}), a format, a door or the CLI. Read from the sources:
 * every reference to a {@code dev.kubeward.X} package outside comments, imports and fully qualified
 * names alike.
 */
class PackageDirectionTest {
    static final Set<String> ENGINES = Set.of("pss", "rbac", "netpol", "policy", "controlplane", "audit", "image");
    /** What an engine may not use. */
    static final Set<String> NOT_FOR_ENGINES = Set.of("source", "check", "checks", "report", "cli", "server", "runtime");
    /** What a reader may not use: every engine, and the same layers above. */
    static final Set<String> NOT_FOR_READERS;
    /** What the check SPI ({@code check}) and the checks ({@code checks}) may not use: readers and the layers above. */
    static final Set<String> NOT_FOR_CHECKS = Set.of("source", "report", "cli", "server");

    static {
        Set<String> s = new TreeSet<>(ENGINES);
        s.addAll(Set.of("check", "checks", "report", "cli", "server", "runtime"));
        NOT_FOR_READERS = Set.copyOf(s);
    }

    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.kubeward\\.([a-z]+)\\b");
    private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    /** The top-level packages of ours that a Java source text refers to, comments and string literals left out. */
    static Set<String> references(String source) {
        String code = COMMENTS.matcher(source.replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"")).replaceAll(" ");
        Set<String> out = new TreeSet<>();
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The violations of one file of package {@code top} (its first segment below dev.kubeward). */
    static List<String> violations(String top, String file, String source) {
        Set<String> forbidden = ENGINES.contains(top) ? NOT_FOR_ENGINES : top.equals("source") ? NOT_FOR_READERS
                : top.equals("check") || top.equals("checks") ? NOT_FOR_CHECKS : Set.of();
        List<String> out = new ArrayList<>();
        for (String used : references(source)) {
            if (forbidden.contains(used)) {
                out.add(file + " (" + top + ") uses dev.kubeward." + used);
            }
        }
        return out;
    }

    @Test
    void readersAndEnginesDependOneWayOnly() throws IOException {
        Path root = Path.of("src/main/java/dev/kubeward");
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                String top = root.relativize(p).getName(0).toString();
                violations.addAll(violations(top, root.relativize(p).toString(), Files.readString(p)));
                files++;
            }
        }
        assertThat(files).as("source files read").isGreaterThan(100);
        assertThat(violations).isEmpty();
    }

    @Test
    void theScanSeesImportsAndQualifiedNamesButNotCommentsOrText() {
        assertThat(violations("controlplane", "A.java", "package dev.kubeward.controlplane;\nimport dev.kubeward.source.YamlTreeBuilder;\n"))
                .containsExactly("A.java (controlplane) uses dev.kubeward.source");
        assertThat(violations("rbac", "B.java", "class B { Object o = new dev.kubeward.report.JsonReporter(); }"))
                .containsExactly("B.java (rbac) uses dev.kubeward.report");
        assertThat(violations("source", "C.java", "import static dev.kubeward.netpol.Rules.x;\nimport dev.kubeward.model.Resource;"))
                .containsExactly("C.java (source) uses dev.kubeward.netpol");
        assertThat(violations("pss", "D.java", "// see dev.kubeward.cli.Main\n/** {@link dev.kubeward.check.Check} */\n"
                + "String s = \"dev.kubeward.source\";\nimport dev.kubeward.model.Json;")).isEmpty();
        // Engines may use each other (policy reads RBAC); checks use engines but no reader, format, door or CLI.
        assertThat(violations("policy", "E.java", "import dev.kubeward.rbac.RbacModel;")).isEmpty();
        assertThat(violations("checks", "F.java", "import dev.kubeward.source.ManifestLoader;"))
                .containsExactly("F.java (checks) uses dev.kubeward.source");
        assertThat(violations("check", "G.java", "import dev.kubeward.source.dockerfile.DockerfileReader;"))
                .containsExactly("G.java (check) uses dev.kubeward.source");
        assertThat(violations("checks", "H.java", "import dev.kubeward.rbac.RbacModel;\nimport dev.kubeward.check.Check;")).isEmpty();
        assertThat(violations("report", "I.java", "import dev.kubeward.checks.rbac.RbacScan;")).isEmpty();
    }
}
