package dev.pylocktrust.attest;

import dev.pylocktrust.python.DistributionFilename;
import java.util.Optional;

/**
 * PEP 740's subject-name rule: the subject must be a valid wheel or sdist filename, and equal to the distribution's
 * filename after parsing both (normalized name, PEP 440 version, build tag, wheel tag set). String equality is wrong:
 * pypi-attestations 0.0.25 and older signed "ultranormalized" spellings of real filenames.
 */
final class SubjectNames {
    private SubjectNames() {}

    /** Empty when the subject is acceptable for the distribution; otherwise why not. */
    static Optional<String> mismatch(String subjectName, Optional<Distribution> distribution) {
        DistributionFilename subject;
        try {
            subject = DistributionFilename.parse(subjectName);
        } catch (IllegalArgumentException e) {
            return Optional.of("the statement's subject is not a valid wheel or sdist filename: " + e.getMessage());
        }
        if (distribution.isEmpty()) {
            return Optional.empty();
        }
        String filename = distribution.get().filename();
        DistributionFilename dist;
        try {
            dist = DistributionFilename.parse(filename);
        } catch (IllegalArgumentException e) {
            return Optional.of("the distribution filename is not a valid wheel or sdist filename: " + e.getMessage());
        }
        if (!subject.sameDistribution(dist)) {
            return Optional.of("the statement's subject is " + subjectName + ", but the distribution is " + filename
                    + " (compared as parsed filenames: project name, version, build tag and tags)");
        }
        return Optional.empty();
    }
}
