package dev.pylocktrust.report;

import java.util.List;
import java.util.Objects;

/**
 * A group of findings of one kind and rank, e.g. "Identity changes" (rank 1).
 *
 * @param rank 1 is the most severe; sections are shown in rank order
 * @param title a short heading, written by the program (never untrusted text)
 * @param routine true for changes a reviewer may skim: Markdown collapses them
 */
public record ReportSection(int rank, String title, boolean routine, List<ReportItem> items) {
    public ReportSection {
        Objects.requireNonNull(title, "title");
        items = List.copyOf(items);
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be 1 or more, got " + rank);
        }
    }
}
