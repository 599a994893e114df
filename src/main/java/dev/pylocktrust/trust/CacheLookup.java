package dev.pylocktrust.trust;

import java.util.Objects;
import java.util.Optional;

/** What the TUF cache holds for one repository. */
public sealed interface CacheLookup {
    /** A root from an earlier refresh, consistent with the cached signed metadata. */
    record Hit(TufRoot root) implements CacheLookup {
        public Hit {
            Objects.requireNonNull(root, "root");
        }
    }

    /** Nothing cached (first run, {@code --no-cache}). */
    record Miss() implements CacheLookup {}

    /** Something is cached but unusable (truncated, edited, inconsistent); it is ignored and replaced. */
    record Damaged(String reason) implements CacheLookup {
        public Damaged {
            Objects.requireNonNull(reason, "reason");
        }
    }

    default Optional<TufRoot> cachedRoot() {
        return this instanceof Hit h ? Optional.of(h.root()) : Optional.empty();
    }
}
