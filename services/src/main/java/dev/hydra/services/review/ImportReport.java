package dev.hydra.services.review;

import java.util.List;

/**
 * The result of importing a folder.
 *
 * @param failed one outcome per file that could not be read, with the reason
 */
public record ImportReport(int added, int duplicates, int skipped, List<IndexOutcome> failed) {

    public ImportReport {
        failed = List.copyOf(failed);
    }

    public int seen() {
        return added + duplicates + skipped + failed.size();
    }
}
