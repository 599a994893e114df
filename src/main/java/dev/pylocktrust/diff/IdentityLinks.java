package dev.pylocktrust.diff;

import dev.pylocktrust.attest.GitHubPublisher;
import dev.pylocktrust.attest.GitLabPublisher;
import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.report.Link;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Links a reviewer follows to check an identity: the repository and the workflow file, for GitHub and GitLab
 * (gitlab.com) publishers. Built only from identities the attestation layer accepts (so the repository is
 * {@code owner/name} in a safe alphabet), with every path segment percent-encoded; other kinds get no link.
 */
final class IdentityLinks {
    private IdentityLinks() {}

    static List<Link> of(AttestationIdentity identity) {
        Publisher p = identity.publisher().orElse(null); // not a valid publisher: no links
        if (p instanceof GitHubPublisher g) {
            String repo = "https://github.com/" + path(g.repository());
            return List.of(new Link(g.repository(), repo),
                    new Link(g.repository() + "/.github/workflows/" + g.workflow(),
                            repo + "/blob/HEAD/.github/workflows/" + segment(g.workflow())));
        }
        if (p instanceof GitLabPublisher g) {
            String repo = "https://gitlab.com/" + path(g.repository());
            return List.of(new Link(g.repository(), repo),
                    new Link(g.repository() + "/" + g.workflowFilepath(),
                            repo + "/-/blob/HEAD/" + path(g.workflowFilepath())));
        }
        return List.of();
    }

    static List<Link> of(List<AttestationIdentity> identities) {
        List<Link> links = new ArrayList<>();
        for (AttestationIdentity id : identities) {
            for (Link l : of(id)) {
                if (!links.contains(l)) {
                    links.add(l);
                }
            }
        }
        return links;
    }

    private static String path(String slashSeparated) {
        return Arrays.stream(slashSeparated.split("/", -1)).map(IdentityLinks::segment)
                .collect(Collectors.joining("/"));
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
