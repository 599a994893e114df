package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Simple API versions (spec 2.1). Project names are {@code python.PackageName}'s, tested there. */
class ApiVersionTest {
    @ParameterizedTest
    @CsvSource({"1.0, 1, 0, false", "1.4, 1, 4, true", "1.3, 1, 3, true", "1.2, 1, 2, false", " 1.10 , 1, 10, true"})
    void parseVersions(String text, int major, int minor, boolean provenance) {
        ApiVersion v = ApiVersion.parse(text);
        assertThat(v).isEqualTo(new ApiVersion(major, minor));
        assertThat(v.supportsProvenance()).isEqualTo(provenance);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.", "v1.0", "1.0.0", "1.x", "99999.1"})
    void malformedVersions(String text) {
        assertThatThrownBy(() -> ApiVersion.parse(text)).isInstanceOf(IndexFormatException.class);
    }

    @ParameterizedTest
    @CsvSource({"1.4, ''", "1.0, ''", "1.5, warn", "0.9, error", "2.0, error"})
    void supportCheck(String text, String outcome) {
        ApiVersion v = ApiVersion.parse(text);
        switch (outcome) {
            case "error" -> assertThatThrownBy(v::checkSupported).isInstanceOf(IndexFormatException.class);
            case "warn" -> assertThat(v.checkSupported()).isPresent();
            default -> assertThat(v.checkSupported()).isEmpty();
        }
    }
}
