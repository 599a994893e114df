package dev.pylocktrust.attest;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Google Cloud service-account Trusted Publisher.
 *
 * @param email the service account e-mail, e.g. {@code name@project.iam.gserviceaccount.com}
 * @param extra other keys the index sent, kept for a lossless round trip (never part of the identity)
 */
public record GooglePublisher(String email, SortedMap<String, String> extra) implements Publisher {
    public static final String KIND = "Google";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    public GooglePublisher {
        Publishers.requirePattern("email", email, EMAIL, "must be an e-mail address");
        extra = Publishers.copyExtra(extra == null ? new TreeMap<>() : extra);
    }

    public static GooglePublisher of(String email) {
        return new GooglePublisher(email, new TreeMap<>());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean sameIdentity(Publisher other) {
        return other instanceof GooglePublisher o && IdentityValues.same(KIND, "email", email, o.email);
    }

    @Override
    public boolean sameRepository(Publisher other) {
        return sameIdentity(other);
    }

    @Override
    public SortedMap<String, String> toIdentityTable() {
        return Publishers.table(KIND, Map.of("email", email), extra);
    }

    @Override
    public String describe() {
        return "Google " + email + IdentityValues.nonAsciiNote(email);
    }
}
