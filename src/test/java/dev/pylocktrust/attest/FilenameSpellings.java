package dev.pylocktrust.attest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spellings of a distribution filename: ones that name the same distribution (case, separators, a padded release,
 * which a parsed comparison must accept or reject without changing the result), and near misses that name another
 * (next version, another project name, a build tag, another platform).
 */
record FilenameSpellings(List<String> sameDistribution, List<String> otherDistributions) {
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

    static FilenameSpellings of(String filename) {
        boolean wheel = filename.endsWith(".whl");
        String extension = wheel ? ".whl" : filename.endsWith(".zip") ? ".zip" : ".tar.gz";
        String stem = filename.substring(0, filename.length() - extension.length());
        int nameEnd = wheel ? stem.indexOf('-') : stem.lastIndexOf('-');
        String name = stem.substring(0, nameEnd);
        int versionEnd = wheel ? stem.indexOf('-', nameEnd + 1) : stem.length();
        String version = stem.substring(nameEnd + 1, versionEnd);
        String tail = stem.substring(versionEnd) + extension;

        List<String> same = new ArrayList<>();
        same.add(name.toUpperCase(Locale.ROOT) + "-" + version + tail);
        if (name.contains("_")) {
            same.add(name.replace('_', '.') + "-" + version + tail);
        }
        same.add(name + "-" + version + ".0" + tail);

        List<String> other = new ArrayList<>();
        Matcher m = LAST_NUMBER.matcher(version);
        if (m.find()) {
            other.add(name + "-" + m.replaceFirst(String.valueOf(Long.parseLong(m.group(1)) + 1)) + tail);
        }
        other.add(name + "x-" + version + tail);
        if (wheel) {
            other.add(name + "-" + version + "-1" + tail);
            String platform = tail.substring(tail.lastIndexOf('-') + 1, tail.length() - extension.length());
            other.add(name + "-" + version + tail.substring(0, tail.lastIndexOf('-') + 1)
                    + (platform.equals("win32") ? "any" : "win32") + extension);
        }
        return new FilenameSpellings(List.copyOf(same), List.copyOf(other));
    }
}
