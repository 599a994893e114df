package dev.pylocktrust.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.SourceLocation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A finding is written the same way in every report: its keys, their order, and null for what it is not about. */
class FindingJsonTest {
    private static String json(Finding f) {
        var o = JsonOutput.MAPPER.createObjectNode().put("first", 1);
        FindingJson.put(o, f);
        return o.toString();
    }

    @Test
    void aFindingAboutAFileHasEveryKeyAfterTheOnesAlreadyThere() {
        Finding f = Finding.of(FindingCode.IDENTITY_CHANGED, "requests", Optional.of("requests-2.0-py3-none-any.whl"),
                "changed", "expected A, found B", "approve it", Optional.of(new SourceLocation("pylock.toml", 7)));
        assertThat(json(f)).isEqualTo("{\"first\":1,\"severity\":\"error\",\"code\":\"identity-changed\","
                + "\"package\":\"requests\",\"file\":\"requests-2.0-py3-none-any.whl\",\"message\":\"changed\","
                + "\"detail\":\"expected A, found B\",\"hint\":\"approve it\","
                + "\"location\":{\"path\":\"pylock.toml\",\"line\":7}}");
    }

    @Test
    void aFindingAboutTheWholeLockfileHasNullPackageFileAndLocation() {
        Finding f = Finding.of(FindingCode.IDENTITY_CHANGED, "", Optional.empty(), "m", "", "", Optional.empty());
        assertThat(json(f)).isEqualTo("{\"first\":1,\"severity\":\"error\",\"code\":\"identity-changed\","
                + "\"package\":null,\"file\":null,\"message\":\"m\",\"detail\":\"\",\"hint\":\"\",\"location\":null}");
    }
}
