package dev.pylocktrust.attest;

import java.util.Arrays;
import java.util.Random;

/**
 * One edit of a byte string: a flipped bit, a replaced, inserted or deleted byte, a truncation or an extension.
 *
 * @param position the byte the edit applies at (for a truncation, the new length)
 * @param value the bit index (flip), the new byte (set, insert) or the number of bytes appended (extend)
 * @param extension the seed of the appended bytes
 */
record ByteEdit(Kind kind, int position, int value, long extension) {

    enum Kind { FLIP, SET, INSERT, DELETE, TRUNCATE, EXTEND }

    static ByteEdit flip(int position, int bit) {
        return new ByteEdit(Kind.FLIP, position, bit, 0);
    }

    /** A seeded random edit of a string of {@code length} bytes. */
    static ByteEdit random(Random random, int length) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        if (length == 0 && kind != Kind.EXTEND) {
            kind = Kind.INSERT;
        }
        int position = random.nextInt(Math.max(1, length));
        return switch (kind) {
            case FLIP -> flip(position, random.nextInt(8));
            case SET, INSERT -> new ByteEdit(kind, kind == Kind.INSERT && length == 0 ? 0 : position,
                    random.nextInt(256), 0);
            case DELETE, TRUNCATE -> new ByteEdit(kind, position, 0, 0);
            case EXTEND -> new ByteEdit(kind, length, 1 + random.nextInt(16), random.nextLong());
        };
    }

    byte[] apply(byte[] in) {
        byte[] b;
        switch (kind) {
            case FLIP -> {
                b = in.clone();
                b[position] ^= (byte) (1 << value);
            }
            case SET -> {
                b = in.clone();
                b[position] = (byte) (b[position] == (byte) value ? value ^ 0xff : value);
            }
            case INSERT -> {
                b = new byte[in.length + 1];
                System.arraycopy(in, 0, b, 0, position);
                b[position] = (byte) value;
                System.arraycopy(in, position, b, position + 1, in.length - position);
            }
            case DELETE -> {
                b = new byte[in.length - 1];
                System.arraycopy(in, 0, b, 0, position);
                System.arraycopy(in, position + 1, b, position, in.length - position - 1);
            }
            case TRUNCATE -> b = Arrays.copyOf(in, position);
            case EXTEND -> {
                b = Arrays.copyOf(in, in.length + value);
                byte[] tail = new byte[value];
                new Random(extension).nextBytes(tail);
                System.arraycopy(tail, 0, b, in.length, value);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return b;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FLIP -> "byte " + position + " bit " + value + " flipped";
            case SET -> "byte " + position + " set to " + value;
            case INSERT -> "byte " + value + " inserted at " + position;
            case DELETE -> "byte " + position + " deleted";
            case TRUNCATE -> "truncated to " + position + " bytes";
            case EXTEND -> value + " random bytes appended (seed " + extension + ")";
        };
    }
}
