package dev.pylocktrust.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Google Cloud service-account identity: Fulcio certifies the e-mail in an rfc822Name SAN, with issuer
 * {@code https://accounts.google.com} and no CI extensions.
 */
public record GoogleIdentity(String email) implements TestIdentity {

    public static final String ISSUER = "https://accounts.google.com";

    public GoogleIdentity {
        Objects.requireNonNull(email, "email");
    }

    @Override
    public FulcioClaims claims() {
        return new FulcioClaims(email, true, Map.of(FulcioClaims.ISSUER_LEGACY, ISSUER), Map.of(FulcioClaims.ISSUER, ISSUER));
    }

    @Override
    public Map<String, String> publisher() {
        Map<String, String> publisher = new LinkedHashMap<>();
        publisher.put("kind", "Google");
        publisher.put("email", email);
        return Collections.unmodifiableMap(publisher);
    }
}
