package dev.pylocktrust.toml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.ParserFuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlVersion;

/**
 * What {@link SubsetParser} accepts, tomlj reads to the same data on the same lines (where tomlj reads it at all and
 * is not known to misread it: {@link TomlCanon#tomljMisreads}). {@code SubsetParserDifferentialTest} holds the subset to Python's {@code tomllib}.
 */
class SubsetParserFuzzTest {

    @ParserFuzzTest
    void subset(byte[] input) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(input)).toString();
        } catch (CharacterCodingException e) {
            return; // the lock reader refuses it before any parser sees it
        }
        Optional<TomlTree.Table> subset = SubsetParser.parse(text);
        if (subset.isEmpty()) {
            return;
        }
        TomlParseResult tomlj;
        try {
            tomlj = Toml.parse(text, TomlVersion.V1_0_0);
        } catch (RuntimeException | StackOverflowError e) {
            return; // tomlj's own failures (see LockfileReader); the subset's reading stands
        }
        if (tomlj.hasErrors() || TomlCanon.tomljMisreads(text)) {
            return;
        }
        TomlTree.Table full = TomljTrees.of(tomlj, text);
        assertThat(TomlCanon.canon(subset.get())).isEqualTo(TomlCanon.canon(full));
        assertThat(TomlCanon.lines(subset.get())).isEqualTo(TomlCanon.lines(full));
    }
}
