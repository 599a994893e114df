package dev.pylocktrust.lock;

import dev.pylocktrust.python.Requirement;
import java.util.List;
import java.util.Objects;

/**
 * One requirement from a requirements file or the command line, with the {@code --hash} options given for it.
 *
 * @param requirement the PEP 508 requirement
 * @param sha256 the {@code --hash=sha256:HEX} values, lower-case hex, in the order given, without duplicates
 * @param origin where it was written
 */
public record RequirementLine(Requirement requirement, List<String> sha256, RequirementOrigin origin) {
    public RequirementLine {
        Objects.requireNonNull(requirement, "requirement");
        sha256 = List.copyOf(sha256);
        Objects.requireNonNull(origin, "origin");
    }
}
