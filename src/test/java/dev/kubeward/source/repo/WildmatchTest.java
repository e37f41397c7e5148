package dev.kubeward.source.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * git's own wildmatch test vectors (git/git t/t3070-wildmatch.sh, the expectations of
 * {@code test-tool wildmatch}: wildmatch, iwildmatch, pathmatch and ipathmatch), transcribed into
 * {@code repo/wildmatch-t3070.tsv}.
 */
class WildmatchTest {
    private static final int[] FLAGS = {Wildmatch.PATHNAME, Wildmatch.PATHNAME | Wildmatch.CASEFOLD, 0, Wildmatch.CASEFOLD};
    private static final String[] NAMES = {"wildmatch", "iwildmatch", "pathmatch", "ipathmatch"};

    static Stream<Arguments> vectors() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = WildmatchTest.class.getResourceAsStream("/repo/wildmatch-t3070.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (String line : lines) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                for (int i = 0; i < 4; i++) {
                    out.add(Arguments.of(NAMES[i], f[4], f[5], FLAGS[i], f[i].equals("1")));
                }
            }
        }
        assertThat(out).hasSize(189 * 4);
        return out.stream();
    }

    @ParameterizedTest(name = "{0} ''{1}'' ''{2}'' -> {4}")
    @MethodSource("vectors")
    void matchesAsGitDoes(String function, String text, String pattern, int flags, boolean expected) {
        assertThat(Wildmatch.matches(pattern, text, flags)).isEqualTo(expected);
    }
}
