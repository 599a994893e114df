package dev.pylocktrust.toml;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link SubsetParser} reads, on which lines, and what it leaves to tomlj. */
class SubsetParserTest {

    @Test
    void readsValuesWithTheLinesTheyAreWrittenOn() {
        TomlTree.Table root = SubsetParser.parse("""
                # header comment
                a = "x\\u00e9\\t" # trailing comment
                b.c = -7
                list = [
                  'lit',  # comment inside
                  { k = true },
                ]

                [[packages]]
                name = "one"
                t = 2025-01-25T11:30:10.5+01:30

                [packages.tool.ours]
                when = 2025-03-06T12:28:57.760769
                day = 2025-03-06
                at = 07:32:00

                [[packages]]
                name = "two"
                """).orElseThrow();

        assertThat(root.get("a")).isEqualTo("x\u00e9\t");
        assertThat(root.lineOf("a")).isEqualTo(2);
        assertThat(((TomlTree.Table) root.get("b")).get("c")).isEqualTo(-7L);
        TomlTree.Array list = (TomlTree.Array) root.get("list");
        assertThat(list.get(0)).isEqualTo("lit");
        assertThat(list.lineOf(0)).isEqualTo(5);
        assertThat(((TomlTree.Table) list.get(1)).get("k")).isEqualTo(true);
        assertThat(list.lineOf(1)).isEqualTo(6);

        TomlTree.Array packages = (TomlTree.Array) root.get("packages");
        assertThat(root.lineOf("packages")).isEqualTo(9);
        assertThat(packages.size()).isEqualTo(2);
        assertThat(packages.lineOf(1)).isEqualTo(18);
        TomlTree.Table first = (TomlTree.Table) packages.get(0);
        assertThat(first.get("t")).isEqualTo(OffsetDateTime.of(2025, 1, 25, 11, 30, 10, 500_000_000,
                ZoneOffset.ofHoursMinutes(1, 30)));
        TomlTree.Table ours = (TomlTree.Table) ((TomlTree.Table) first.get("tool")).get("ours");
        assertThat(ours.get("when")).isEqualTo(LocalDateTime.of(2025, 3, 6, 12, 28, 57, 760_769_000));
        assertThat(ours.get("day")).isEqualTo(LocalDate.of(2025, 3, 6));
        assertThat(ours.get("at")).isEqualTo(LocalTime.of(7, 32));
        assertThat(first.lineOf("tool")).isEqualTo(13);
        assertThat(first.keys()).containsExactly("name", "t", "tool");
    }

    @Test
    void readsAnOffsetOfMinusZeroHoursAsTomllibDoes() {
        // Found by SubsetParserFuzzTest: tomlj 1.1.1 reads -00:30 as +00:30; tomllib and RFC 3339 read a minus.
        TomlTree.Table root = SubsetParser.parse("p = 2000-02-09T23:59:55-00:30").orElseThrow();
        assertThat(root.get("p")).isEqualTo(OffsetDateTime.of(2000, 2, 9, 23, 59, 55, 0,
                ZoneOffset.ofHoursMinutes(0, -30)));
    }

    @Test
    void readsEveryTableLayoutTomlAllowsForALock() {
        TomlTree.Table root = SubsetParser.parse("""
                [a.b]
                x = 1
                [a.c]
                [[a.d]]
                [[a.d]]
                y = 2
                [a.d.e]
                z = 3
                inline = { p.q = 1, p.r = 2 }
                """).orElseThrow();

        TomlTree.Table a = (TomlTree.Table) root.get("a");
        assertThat(a.keys()).containsExactly("b", "c", "d");
        TomlTree.Table second = (TomlTree.Table) ((TomlTree.Array) a.get("d")).get(1);
        assertThat(second.get("y")).isEqualTo(2L);
        assertThat(((TomlTree.Table) second.get("e")).get("z")).isEqualTo(3L);
        TomlTree.Table p = (TomlTree.Table) ((TomlTree.Table) ((TomlTree.Table) second.get("e")).get("inline"))
                .get("p");
        assertThat(p.keys()).containsExactly("q", "r");
    }

    /** Valid TOML outside the subset: tomlj reads it (and its errors are not at issue here). */
    @ParameterizedTest
    @ValueSource(strings = {
        "a = \"\"\"multi\nline\"\"\"",
        "a = '''multi'''",
        "a = 1.5",
        "a = 1e3",
        "a = inf",
        "a = nan",
        "a = 0x1F",
        "a = 0o17",
        "a = 1_000",
        "a = 9223372036854775808",
        "a = 1979-05-27T07:32:00.9999999Z",
        "a = 1979-05-27t07:32:00z",
        "a = 1979-05-27 07:32:00Z",
        "a = 2024-01-01T00:00:00+19:00",
        "[a.b]\n[a]",
        "[x]\na.b = 1\n[x.a.c]",
    })
    void declinesValidTomlOutsideTheSubset(String text) {
        assertThat(SubsetParser.parse(text)).isEmpty();
    }

    /** Not TOML: declined, so that tomlj words the error. (Cells are unquoted: TOML's quotes are taken as written.) */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            key written twice                 | a = 1\\na = 2
            key written twice, once quoted    | a = 1\\n'a' = 2
            key written twice, once escaped   | a = 1\\n"\\u0061" = 2
            table written twice, once quoted  | [a.b]\\n["a".'b']
            table written twice               | [a]\\n[a]
            header over dotted keys           | a.b = 1\\n[a.b]
            header into dotted keys's table   | a.b = 1\\n[a]
            header into an inline table       | a = { b = 1 }\\n[a.c]
            dotted key into an inline table   | a = { b = 1 }\\na.c = 2
            dotted key over a value           | a = 1\\na.b = 2
            array of tables after an array    | a = []\\n[[a]]
            table after an array of tables    | [[a]]\\n[a]
            year zero                         | a = 0000-01-01T00:00:00Z
            a day that does not exist         | a = 2023-02-29T00:00:00Z
            leap second                       | a = 2024-01-01T00:00:60Z
            hour 24                           | a = 24:00:00
            leading zero                      | a = 01
            surrogate escape                  | a = "\\uD800"
            escape beyond Unicode             | a = "\\U00110000"
            unknown escape                    | a = "\\e"
            short unicode escape              | a = "\\u12"
            split closing brackets            | [[a] ]
            line break in an inline table     | a = { b = 1,\\n c = 2 }
            trailing comma in an inline table | a = { b = 1, }
            lone carriage return              | a = 1\\rb = 2
            control character in a comment    | a = 1 # \\u0001
            control character in a string     | a = "\\u007f"
            unterminated string               | a = "abc
            missing value                     | a =
            key without a value               | a
            two values on a line              | a = 1 2
            empty bare key                    | = 1
            """)
    void declinesWhatIsNotToml(String what, String escaped) {
        String text = escaped.replace("\\n", "\n").replace("\\r", "\r").replace("\\u0001", "\u0001")
                .replace("\\u007f", "\u007f");
        assertThat(SubsetParser.parse(text)).as(what).isEmpty();
    }

    @Test
    void declinesNestingDeeperThanItsLimitWhereverItComesFrom() {
        int limit = SubsetParser.MAX_NESTING;
        assertThat(SubsetParser.parse("a = " + "[".repeat(limit) + "]".repeat(limit))).isPresent();
        assertThat(SubsetParser.parse("a = " + "[".repeat(limit + 1) + "]".repeat(limit + 1))).isEmpty();
        assertThat(SubsetParser.parse("a = " + "{ b = ".repeat(limit) + "1" + " }".repeat(limit))).isEmpty();
        assertThat(SubsetParser.parse("k.".repeat(limit - 1) + "k = 1")).isPresent();
        assertThat(SubsetParser.parse("k.".repeat(limit) + "k = 1")).isEmpty();
        assertThat(SubsetParser.parse("[" + "k.".repeat(limit) + "k]")).isEmpty();
        assertThat(SubsetParser.parse("[" + "k.".repeat(20) + "k]\n" + "k.".repeat(20) + "k = 1")).isEmpty();
        // A 16 MiB lock could nest millions deep: declined without overflowing the stack.
        assertThat(SubsetParser.parse("k.".repeat(1_000_000) + "k = 1")).isEmpty();
        assertThat(SubsetParser.parse("[" + "k.".repeat(1_000_000) + "k]")).isEmpty();
    }
}
