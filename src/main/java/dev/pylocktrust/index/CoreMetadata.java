package dev.pylocktrust.index;

import dev.pylocktrust.NetworkException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The core metadata fields the resolver and locker need, from a PEP 658 {@code .metadata} file (the wheel's
 * {@code METADATA}). Values are as written; names and specifiers are parsed by the {@code python} package.
 *
 * @param metadataVersion {@code Metadata-Version}
 * @param name            {@code Name} (not normalized)
 * @param version         {@code Version}
 * @param requiresDist    every {@code Requires-Dist} (PEP 508 requirement strings)
 * @param requiresPython  {@code Requires-Python}, if given
 * @param providesExtra   every {@code Provides-Extra}
 * @param dynamic         every {@code Dynamic} (fields the sdist's build may still change)
 */
public record CoreMetadata(
        String metadataVersion,
        String name,
        String version,
        List<String> requiresDist,
        Optional<String> requiresPython,
        List<String> providesExtra,
        List<String> dynamic) {

    /**
     * Parses core metadata read from elsewhere than PEP 658 (a wheel's {@code METADATA}, an sdist's {@code PKG-INFO}).
     *
     * @param where names the source in errors (e.g. the file and member)
     * @throws NetworkException if it is not valid core metadata
     */
    public static CoreMetadata parse(byte[] body, String where) {
        try {
            return CoreMetadataParser.parse(body, where);
        } catch (IndexFormatException e) {
            throw new NetworkException(e.getMessage(), "the index serves a distribution with malformed metadata");
        }
    }

    public CoreMetadata {
        Objects.requireNonNull(metadataVersion, "metadataVersion");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        requiresDist = List.copyOf(requiresDist);
        Objects.requireNonNull(requiresPython, "requiresPython");
        providesExtra = List.copyOf(providesExtra);
        dynamic = List.copyOf(dynamic);
    }
}
