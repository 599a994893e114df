package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixture corpus' {@code manifest.json}: facts about every real attestation established by two independent
 * verifiers (a Python one and sigstore-js). Tests compare pylock-trust's results with them.
 */
final class Manifest {
    private Manifest() {}

    static JsonNode root() {
        try {
            return new ObjectMapper().readTree(Fixtures.bytes("manifest.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One manifest attestation entry per element. */
    static List<JsonNode> attestations() {
        List<JsonNode> out = new ArrayList<>();
        root().path("attestations").forEach(out::add);
        return out;
    }

    /** One manifest provenance entry per element ({@code file}, {@code subject_name}, {@code publishers}, ...). */
    static List<JsonNode> provenances() {
        List<JsonNode> out = new ArrayList<>();
        root().path("provenance").forEach(out::add);
        return out;
    }

    /** The fixture path relative to {@code attestations/}. */
    static String name(JsonNode entry) {
        return entry.path("file").asText().substring("attestations/".length());
    }

    static boolean staging(JsonNode entry) {
        return entry.path("sigstore_instance").asText().equals("staging");
    }

    static Distribution distribution(JsonNode entry) {
        String name = entry.path("subject_name").asText();
        return entry.path("dist_present").asBoolean() ? Fixtures.dist(name)
                : new Distribution(name, entry.path("subject_sha256").asText());
    }
}
