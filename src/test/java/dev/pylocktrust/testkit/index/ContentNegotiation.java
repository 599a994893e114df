package dev.pylocktrust.testkit.index;

import java.util.Locale;

/** The test server's PEP 691 content negotiation, PyPI's way. */
final class ContentNegotiation {
    private ContentNegotiation() {}

    /** PEP 691 negotiation with q-values; no Accept or no match gives the HTML type, as PyPI does. */
    static String choose(String accept) {
        if (accept == null || accept.isBlank()) {
            return TestIndexServer.HTML;
        }
        String best = TestIndexServer.HTML;
        double bestQ = 0;
        for (String part : accept.split(",")) {
            String[] params = part.split(";");
            String type = params[0].strip().toLowerCase(Locale.ROOT);
            double q = 1.0;
            for (int i = 1; i < params.length; i++) {
                String p = params[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String offered = switch (type) {
                case TestIndexServer.JSON, "application/vnd.pypi.simple.latest+json" -> TestIndexServer.JSON;
                case TestIndexServer.HTML, "application/vnd.pypi.simple.latest+html" -> TestIndexServer.HTML;
                case "text/html" -> "text/html";
                default -> null;
            };
            if (offered != null && q > bestQ) {
                best = offered;
                bestQ = q;
            }
        }
        return best;
    }
}
