package dev.pylocktrust.index;

import dev.pylocktrust.ParserFuzzTest;

/**
 * What an index serves: PEP 691 JSON and PEP 503 HTML project pages, and core metadata. Bad input throws only
 * {@link IndexFormatException} (which the package turns into the user-facing error that names the URL).
 */
class IndexDocumentsFuzzTest {
    private static final PageBase BASE = TestBases.http("https://pypi.org/simple/sampleproject/");

    @ParserFuzzTest
    void jsonPage(byte[] input) {
        try {
            JsonPageParser.parse(input, "sampleproject", BASE, 1000);
        } catch (IndexFormatException e) {
            // the documented error
        }
    }

    @ParserFuzzTest
    void htmlPage(byte[] input) {
        try {
            HtmlPageParser.parse(input, "sampleproject", BASE, 1000);
        } catch (IndexFormatException e) {
            // the documented error
        }
    }

    @ParserFuzzTest
    void coreMetadata(byte[] input) {
        try {
            CoreMetadataParser.parse(input, "sampleproject-1.0.tar.gz/PKG-INFO");
        } catch (IndexFormatException e) {
            // the documented error
        }
    }
}
