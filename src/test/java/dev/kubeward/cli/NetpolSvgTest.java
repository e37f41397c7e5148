package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Graphviz is replaced by small shell scripts named dot, so the tests run where it is not installed. */
@DisabledOnOs(OS.WINDOWS)
class NetpolSvgTest {

    private static Path script(Path dir, String body) throws Exception {
        Path dot = dir.resolve("dot");
        Files.writeString(dot, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(dot, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dot;
    }

    @Test
    void withoutDotOnThePathItSaysWhatToInstall(@TempDir Path empty) {
        assertThatThrownBy(() -> NetpolSvg.render("digraph {}", empty.toString()))
                .isInstanceOf(NetpolSvg.Unavailable.class)
                .hasMessageContaining("no 'dot' on the PATH").hasMessageContaining("--format dot");
    }

    @Test
    void pipesTheDotTextThroughDotTsvg(@TempDir Path bin, @TempDir Path other) throws Exception {
        // The fake dot echoes its arguments and input, so the test sees both.
        script(bin, "echo \"args: $*\"; cat");
        String svg = NetpolSvg.render("digraph { a -> b }\n", other + File.pathSeparator + bin);
        assertThat(svg).isEqualTo("args: -Tsvg\ndigraph { a -> b }\n");
    }

    @Test
    void aFailingDotIsReportedWithItsMessage(@TempDir Path bin) throws Exception {
        script(bin, "cat >/dev/null; echo 'syntax error in line 1' >&2; exit 3");
        assertThatThrownBy(() -> NetpolSvg.render("digraph {", bin.toString()))
                .isInstanceOf(NetpolSvg.Unavailable.class)
                .hasMessageContaining("exit 3").hasMessageContaining("syntax error in line 1");
    }

    @Test
    void aNonExecutableDotIsSkipped(@TempDir Path bin) throws Exception {
        Files.writeString(bin.resolve("dot"), "not a program");
        assertThat(NetpolSvg.findDot(bin.toString())).isEmpty();
    }
}
