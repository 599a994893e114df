package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.toml.SubsetParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawTableTest {

    @Test
    void javaValuesBecomeTomlValuesSoEqualDataIsEqual() {
        RawTable fromJava = RawTable.of(Map.of("n", 1, "t", Map.of("k", List.of(2, "x"))));
        RawTable fromToml = RawTable.fromTree(SubsetParser.parse("n = 1\nt = { k = [2, \"x\"] }").orElseThrow());
        assertThat(fromJava).isEqualTo(fromToml);
        assertThat(fromJava.get("t").orElseThrow()).isInstanceOf(RawTable.class);
        assertThat(fromJava.toMap()).isEqualTo(Map.of("n", 1L, "t", Map.of("k", List.of(2L, "x"))));
    }

    @Test
    void isADeepCopy() {
        List<Object> list = new ArrayList<>(List.of("a"));
        Map<String, Object> map = new HashMap<>(Map.of("l", list));
        RawTable t = RawTable.of(map);
        list.add("b");
        map.put("x", 1);
        assertThat(t.toMap()).isEqualTo(Map.of("l", List.of("a")));
        List<?> stored = (List<?>) t.entries().get("l");
        assertThatThrownBy(() -> stored.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNonTomlValuesAndDeepNesting() {
        assertThatThrownBy(() -> RawTable.of(Map.of("x", new Object()))).isInstanceOf(IllegalArgumentException.class);
        Object deep = "leaf";
        for (int i = 0; i < RawTable.MAX_DEPTH + 1; i++) {
            deep = Map.of("k", deep);
        }
        Object tooDeep = deep;
        assertThatThrownBy(() -> RawTable.of(Map.of("root", tooDeep)))
                .hasMessage("TOML data nested deeper than 32 levels");
        RawTable nested = RawTable.of(Map.of("a", Map.of("b", Map.of())));
        assertThat(nested.depth()).isEqualTo(2);
        assertThat(nested.without(List.of("a")).isEmpty()).isTrue();
    }
}
