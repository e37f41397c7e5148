package dev.kubeward.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.model.JsonPath;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The located field errors that Config and the runtime section share. */
class ConfigFieldsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    // every path is on line 7 of a file named k.yaml
    final ConfigFields fields = new ConfigFields("k.yaml", path -> 7);

    @Test
    void stringsReadsAListAndRefusesOtherShapesAtTheirLine() throws Exception {
        assertThat(fields.strings(JSON.readTree("[\"a\",\"b\"]"), JsonPath.of("users"))).containsExactly("a", "b");
        assertThat(fields.strings(null, JsonPath.of("users"))).isEmpty();
        assertThatThrownBy(() -> fields.strings(JSON.readTree("\"a\""), JsonPath.of("users")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("users must be a list of strings");
        assertThatThrownBy(() -> fields.strings(JSON.readTree("[\"a\",\" \"]"), JsonPath.of("users")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be a list of non-empty strings");
    }

    @Test
    void requireObjectNamesTheUnknownKeyAndTheAllowedOnes() throws Exception {
        fields.requireObject(JSON.readTree("{\"users\":[]}"), JsonPath.of("allow"), Set.of("users", "groups"));
        assertThatThrownBy(() -> fields.requireObject(JSON.readTree("{\"user\":[]}"), JsonPath.of("allow"), Set.of("users", "groups")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'user' (expected one of groups, users)");
        assertThatThrownBy(() -> fields.requireObject(JSON.readTree("[]"), JsonPath.of("allow"), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("allow must be a mapping");
        assertThat(fields.error(JsonPath.of("x"), "bad").toString()).contains("k.yaml").contains("7");
    }
}
