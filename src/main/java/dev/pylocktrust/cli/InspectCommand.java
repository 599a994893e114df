package dev.pylocktrust.cli;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.IoErrors;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.attest.AttestationDocument;
import dev.pylocktrust.attest.AttestationResult;
import dev.pylocktrust.attest.AttestationVerifier;
import dev.pylocktrust.attest.Distribution;
import dev.pylocktrust.attest.MalformedAttestationException;
import dev.pylocktrust.attest.ProvenanceResult;
import dev.pylocktrust.attest.ProvenanceVerifier;
import dev.pylocktrust.attest.TrustRoot;
import dev.pylocktrust.report.InspectReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pylock-trust inspect}: verify every attestation in one provenance or attestation file and show who signed. */
@Command(name = "inspect", sortOptions = false,
        header = "Verify the attestations in one provenance file and show who signed them.",
        description = {
            "Verify the PEP 740 attestations in a provenance or attestation JSON file and show who signed them.",
            "",
            "Each is checked against the Sigstore trusted root, the distribution (name and sha256) and the publisher "
                    + "the provenance asserts. No network, but the daily refresh of the trusted root.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  Verify a provenance file against the distribution it is for:",
            "    pylock-trust inspect pypi_attestations-0.0.19.tar.gz.provenance.json \\",
            "      --dist pypi_attestations-0.0.19.tar.gz",
            "",
            "  The same when you only know the file's name and sha256 (e.g. from a lock):",
            "    pylock-trust inspect sampleproject-4.0.0.tar.gz.provenance.json \\",
            "      --filename sampleproject-4.0.0.tar.gz \\",
            "      --sha256 0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b",
            "",
            "  An attestation signed by Sigstore's staging instance, as JSON:",
            "    pylock-trust inspect --format json \\",
            "      --trusted-root staging.trusted_root.json \\",
            "      rfc8785-0.1.2-py3-none-any.whl.publish.attestation.json",
            "",
            "  Provenance files come from PyPI's Integrity API:",
            "    https://pypi.org/integrity/PROJECT/VERSION/FILENAME/provenance",
            "",
            DocsLink.INSPECT,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every attestation verified (and matched its bundle's publisher)",
            "1:at least one attestation was rejected; the reasons are on stderr",
            "2:bad arguments, or a file that cannot be read or is not a PEP 740 document",
        })
@HelpSection("What to check")
final class InspectCommand implements Callable<Integer>, JsonErrorReport.Schema {
    static final long MAX_DOCUMENT_BYTES = 4L * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "A PEP 740 provenance object (as PyPI's Integrity API serves it) or a single attestation.")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    DistributionArgs distribution;

    @Mixin
    TrustRootOptions trustRootOptions;

    @Mixin
    CacheOptions cache;

    @Mixin
    FormatOption formatOption;

    @Mixin
    OutputOptions output;

    @Mixin
    HelpOption helpOption;

    /** Either the distribution file, or its name and digest. */
    @HelpSection("What to check")
    static final class DistributionArgs {
        @Option(names = "--dist", paramLabel = "DIST",
                description = "The distribution file (wheel or sdist) the attestations must be about; its name and "
                        + "sha256 are checked.")
        Path distFile;

        @ArgGroup(exclusive = false, multiplicity = "1")
        NameAndDigest named;
    }

    /** {@code --filename NAME --sha256 HEX}, both required together. */
    static final class NameAndDigest {
        @Option(names = "--filename", required = true, paramLabel = "NAME",
                description = "The distribution's filename, when you do not have the file (use with --sha256).")
        String filename;

        @Option(names = "--sha256", required = true, paramLabel = "HEX",
                description = "The distribution's sha256, 64 hex digits (use with --filename).")
        String sha256;
    }

    private final Clock clock;

    /** Reads the time from {@code clock}, the one the process reads at its edge ({@link CommandFactory}). */
    InspectCommand(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String jsonSchema() {
        return InspectReport.SCHEMA;
    }

    @Override
    public Integer call() {
        byte[] json = readDocument(file);
        AttestationDocument document;
        try {
            document = AttestationDocument.parse(json);
        } catch (MalformedAttestationException e) {
            throw e.asUsageError(file.toString());
        }
        Optional<Distribution> dist = distribution();
        Instant now = clock.instant();
        TrustRoot root = trustRootOptions.trustRoot(cache.cacheDir(), cache.offline(), output,
                spec.commandLine().getErr(), now);

        List<ProvenanceResult.Item> items;
        boolean bare;
        if (document instanceof AttestationDocument.OfProvenance p) {
            items = new ProvenanceVerifier(root).verifyUnbound(p.provenance(), dist, now).results();
            bare = false;
        } else {
            var a = ((AttestationDocument.OfAttestation) document).attestation();
            AttestationResult r = new AttestationVerifier(root).verifyUnbound(a, Optional.empty(), dist, now);
            items = List.of(new ProvenanceResult.Item(0, 0, null, r));
            bare = true;
        }
        var report = new InspectReport(file.toString(), bare, dist, root, items);

        PrintWriter out = spec.commandLine().getOut();
        if (formatOption.format() == FormatOption.Format.json) {
            out.println(report.json());
        } else if (!output.quiet()) {
            out.print(report.text());
        }
        out.flush();

        PrintWriter err = spec.commandLine().getErr();
        if (dist.isEmpty() && !output.quiet()) {
            err.println("warning: the distribution itself was not checked: only the signatures and signers were "
                    + "verified");
            err.println("hint: pass --dist FILE, or --filename NAME --sha256 HEX, to check that the attestations are "
                    + "about your file");
        }
        boolean allVerified = report.allVerified();
        for (String line : report.errorLines()) {
            err.println(line);
        }
        err.flush();
        return allVerified ? ExitCode.OK : ExitCode.TRUST_FAILURE;
    }

    private Optional<Distribution> distribution() {
        if (distribution == null) {
            return Optional.empty();
        }
        if (distribution.distFile != null) {
            Path p = distribution.distFile;
            if (Files.isDirectory(p)) {
                throw new UsageException("--dist " + p + " is a directory", "pass the wheel or sdist file itself");
            }
            try (InputStream in = new DigestInputStream(Files.newInputStream(p), sha256())) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
                String hex = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
                return Optional.of(new Distribution(p.getFileName().toString(), hex));
            } catch (NoSuchFileException e) {
                throw new UsageException("cannot read --dist " + p + ": no such file");
            } catch (IOException e) {
                throw new UsageException("cannot read --dist " + p + ": " + IoErrors.reason(e), e);
            }
        }
        try {
            return Optional.of(new Distribution(distribution.named.filename, distribution.named.sha256));
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid --filename/--sha256: " + e.getMessage());
        }
    }

    private static byte[] readDocument(Path path) {
        try {
            if (Files.isDirectory(path)) {
                throw new UsageException(path + " is a directory",
                        "pass a provenance or attestation JSON file");
            }
            if (Files.size(path) > MAX_DOCUMENT_BYTES) {
                throw new UsageException(path + " is larger than " + MAX_DOCUMENT_BYTES + " bytes: not a PEP 740 "
                        + "provenance or attestation file");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + path + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read " + path + ": " + IoErrors.reason(e), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
