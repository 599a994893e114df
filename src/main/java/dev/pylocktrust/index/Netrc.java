package dev.pylocktrust.index;

import dev.pylocktrust.Ascii;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code ~/.netrc}: {@code machine HOST login USER password PASS} entries and an optional {@code default}.
 * {@code macdef} bodies (up to an empty line) are skipped; quoted tokens are accepted. Parsing never fails: a
 * malformed file yields the entries that could be read, since a netrc also serves other programs.
 */
final class Netrc {
    static final int MAX_BYTES = 1 << 20;

    /** One entry: the user name and the password (never printed; see {@link #toString()}). */
    record Login(String login, String password) {
        @Override
        public String toString() {
            return "Login[" + login + ", password=***]";
        }
    }

    private final Map<String, Login> machines;
    private final Optional<Login> fallback;

    private Netrc(Map<String, Login> machines, Optional<Login> fallback) {
        this.machines = machines;
        this.fallback = fallback;
    }

    static Netrc empty() {
        return new Netrc(Map.of(), Optional.empty());
    }

    /** The login for {@code host} (case-insensitive), else the {@code default} entry, else empty. */
    Optional<Login> lookup(String host) {
        Login l = machines.get(Ascii.toLowerCase(host));
        return l != null ? Optional.of(l) : fallback;
    }

    /** True if there is a {@code machine} entry for exactly this host (the {@code default} entry does not count). */
    boolean hasMachine(String host) {
        return machines.containsKey(Ascii.toLowerCase(host));
    }

    static Netrc parse(String text) {
        List<String> tokens = tokens(text);
        Map<String, Login> machines = new LinkedHashMap<>();
        Login fallback = null;
        int i = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i++);
            if (!t.equals("machine") && !t.equals("default")) {
                continue;
            }
            String host = null;
            if (t.equals("machine")) {
                if (i >= tokens.size()) {
                    break;
                }
                host = Ascii.toLowerCase(tokens.get(i++));
            }
            String login = "";
            String password = null;
            while (i < tokens.size() && !tokens.get(i).equals("machine") && !tokens.get(i).equals("default")) {
                String key = tokens.get(i++);
                if (i >= tokens.size()) {
                    break;
                }
                String value = tokens.get(i++);
                if (key.equals("login")) {
                    login = value;
                } else if (key.equals("password")) {
                    password = value;
                }
            }
            if (password != null) {
                if (host == null) {
                    fallback = fallback == null ? new Login(login, password) : fallback;
                } else {
                    machines.putIfAbsent(host, new Login(login, password));
                }
            }
        }
        return new Netrc(Map.copyOf(machines), Optional.ofNullable(fallback));
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' && (i == 0 || text.charAt(i - 1) == '\n')) {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    sb.append(text.charAt(i++));
                }
                i++;
                out.add(sb.toString());
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                String token = text.substring(start, i);
                if (token.equals("macdef")) {
                    int end = text.indexOf("\n\n", i);
                    i = end < 0 ? n : end + 2;
                    continue;
                }
                out.add(token);
            }
        }
        return out;
    }
}
