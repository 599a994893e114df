package dev.pylocktrust.policy;

import dev.pylocktrust.attest.Publisher;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one file.
 *
 * @param file the file as judged
 * @param verdict attested, unattested, failed or incomplete
 * @param signer the identity (as it will be recorded) that attests the file, when it passed attested
 * @param reason why, in one line; empty when attested
 */
public record FileVerdict(CheckedFile file, Verdict verdict, Optional<Publisher> signer, String reason) {
    public FileVerdict {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(reason, "reason");
    }
}
