package dev.pylocktrust.index;

import java.util.Locale;

/**
 * Chooses the parser from the response's {@code Content-Type} (PEP 691: clients dispatch on what the server says
 * it sent, not on what they asked for). Anything but the three Simple API types is refused.
 */
final class ProjectPageParser {
    /** What the client asks for: JSON first, HTML as a fallback (the header PEP 691 recommends). */
    static final String ACCEPT =
            "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";
    static final String JSON_TYPE = "application/vnd.pypi.simple.v1+json";
    static final String HTML_TYPE = "application/vnd.pypi.simple.v1+html";

    /** A page is at most this many file entries, whatever its byte size. */
    static final int MAX_FILES = 500_000;

    private ProjectPageParser() {}

    static ProjectPage parse(byte[] body, String contentType, String project, PageBase base) {
        String type = mediaType(contentType);
        switch (type) {
            case JSON_TYPE:
                return JsonPageParser.parse(body, project, base, MAX_FILES);
            case HTML_TYPE:
            case "text/html":
                return HtmlPageParser.parse(body, project, base, MAX_FILES);
            case "":
                throw new IndexFormatException("the index sent " + base.url() + " without a Content-Type");
            default:
                throw new IndexFormatException("the index sent " + base.url() + " as '" + Texts.clip(type)
                        + "', which is not a Simple API project page (expected " + JSON_TYPE + " or text/html)");
        }
    }

    /** The media type without parameters, lower case. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }
}
