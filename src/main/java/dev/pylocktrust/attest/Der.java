package dev.pylocktrust.attest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The few strict DER decodings needed for Fulcio extension values (no BouncyCastle at compile time). */
final class Der {
    static final int OCTET_STRING = 0x04;
    static final int UTF8_STRING = 0x0C;
    private static final int MAX_LENGTH = 64 * 1024;

    private Der() {}

    /** The content of a single DER TLV with the given tag that spans all of {@code der}. */
    static byte[] unwrap(byte[] der, int expectedTag) {
        if (der == null || der.length < 2) {
            throw new IllegalArgumentException("DER value too short");
        }
        if ((der[0] & 0xff) != expectedTag) {
            throw new IllegalArgumentException(String.format("expected DER tag 0x%02x, found 0x%02x", expectedTag,
                    der[0] & 0xff));
        }
        int first = der[1] & 0xff;
        int length;
        int offset;
        if (first < 0x80) {
            length = first;
            offset = 2;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 3 || der.length < 2 + n) {
                throw new IllegalArgumentException("unsupported DER length encoding");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (der[2 + i] & 0xff);
            }
            if (length < 0x80 || (n > 1 && (der[2] & 0xff) == 0)) {
                throw new IllegalArgumentException("non-minimal DER length");
            }
            offset = 2 + n;
        }
        if (length > MAX_LENGTH || offset + length != der.length) {
            throw new IllegalArgumentException("DER length " + length + " does not match the " + (der.length - offset)
                    + " bytes present");
        }
        return Arrays.copyOfRange(der, offset, der.length);
    }

    /** Strict UTF-8: malformed input is an error, never replaced. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not valid UTF-8");
        }
    }
}
