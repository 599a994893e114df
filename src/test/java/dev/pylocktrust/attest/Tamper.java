package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.function.Consumer;

/** Builds tampered copies of real attestations in test code: each case is named after the failure it provokes. */
public final class Tamper {
    private static final ObjectMapper M = new ObjectMapper();

    private final ObjectNode root;

    private Tamper(ObjectNode root) {
        this.root = root;
    }

    public static Tamper of(String attestationFixture) {
        return ofBytes(Fixtures.bytes("attestations/" + attestationFixture));
    }

    public static Tamper ofBytes(byte[] json) {
        try {
            return new Tamper((ObjectNode) M.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectNode json() {
        return root;
    }

    public ObjectNode entry() {
        return (ObjectNode) root.path("verification_material").path("transparency_entries").get(0);
    }

    /** Edits the decoded statement JSON and re-encodes it (the signature no longer covers it). */
    public Tamper statement(Consumer<ObjectNode> edit) {
        ObjectNode envelope = (ObjectNode) root.get("envelope");
        try {
            ObjectNode st = (ObjectNode) M.readTree(Base64.getMimeDecoder().decode(envelope.get("statement").asText()));
            edit.accept(st);
            envelope.put("statement", Base64.getEncoder().encodeToString(M.writeValueAsBytes(st)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Tamper certificateFrom(String otherFixture) {
        JsonNode other = of(otherFixture).root.path("verification_material").path("certificate");
        ((ObjectNode) root.get("verification_material")).set("certificate", other);
        return this;
    }

    public Tamper signatureFrom(String otherFixture) {
        JsonNode other = of(otherFixture).root.path("envelope").path("signature");
        ((ObjectNode) root.get("envelope")).set("signature", other);
        return this;
    }

    public Tamper entryFrom(String otherFixture) {
        JsonNode other = of(otherFixture).entry();
        ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("verification_material")
                .path("transparency_entries")).set(0, other);
        return this;
    }

    public Tamper edit(Consumer<ObjectNode> edit) {
        edit.accept(root);
        return this;
    }

    public Tamper editEntry(Consumer<ObjectNode> edit) {
        edit.accept(entry());
        return this;
    }

    public byte[] bytes() {
        try {
            return M.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Attestation attestation() {
        return Attestation.parse(bytes());
    }

    /** Flips one bit of the base64 string at {@code field} of {@code node} (decoding and re-encoding). */
    public static void flipBase64(ObjectNode node, String field, int byteIndex) {
        byte[] b = Base64.getMimeDecoder().decode(node.get(field).asText());
        b[byteIndex] ^= 0x01;
        node.put(field, Base64.getEncoder().encodeToString(b));
    }
}
