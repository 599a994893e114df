package dev.pylocktrust.index;

/**
 * Receives progress of long index operations (bulk page or provenance fetches). The client calls it from worker
 * threads; implementations must be thread-safe and cheap.
 */
public interface Progress {
    /** Reports nothing. */
    Progress NONE = new Progress() {
        @Override
        public void update(String task, int done, int total, IndexStats stats) {}

        @Override
        public void finish() {}
    };

    /**
     * @param task  what is being done ("provenance", "project pages")
     * @param done  items finished so far
     * @param total items in this task
     * @param stats the client's counters now
     */
    void update(String task, int done, int total, IndexStats stats);

    /** The task ended: clear any live line. */
    void finish();
}
