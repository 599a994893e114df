package dev.pylocktrust.lock;

import java.util.ArrayList;
import java.util.List;

/** State shared while reading one file: its name, limits, positions and warnings collected so far. */
final class ReadContext {
    final String file;
    final LockfileLimits limits;
    final SourceMap.Builder sourceMap = new SourceMap.Builder();
    final List<LockfileWarning> warnings = new ArrayList<>();

    ReadContext(String file, LockfileLimits limits) {
        this.file = file;
        this.limits = limits;
    }

    LockfileException error(int line, String keyPath, String problem, String... hints) {
        return new LockfileException(file, line, keyPath, problem, hints);
    }

    void warn(int line, String keyPath, String message) {
        warnings.add(new LockfileWarning(file, line, keyPath, message));
    }
}
