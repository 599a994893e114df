package dev.pylocktrust.testkit;

/** The in-toto predicate types PyPI accepts in PEP 740 attestations. */
public enum PredicateType {
    /** PyPI Publish Attestation; its predicate is {@code null} (as pypi-attestations writes it). */
    PUBLISH_V1("https://docs.pypi.org/attestations/publish/v1"),
    /** SLSA Provenance v1; the test Sigstore writes a small predicate derived from the certificate claims. */
    SLSA_V1("https://slsa.dev/provenance/v1");

    private final String uri;

    PredicateType(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }
}
