package dev.hydra.services.metadata;

import com.drew.lang.StreamReader;
import java.io.IOException;
import java.io.InputStream;

/**
 * metadata-extractor's stream reader with a ceiling on single reads: the library allocates a chunk's whole length
 * (up to 2 GiB) before reading it, so a chunk that claims hundreds of MB is refused here instead.
 */
final class CappedStreamReader extends StreamReader {

    private final int maxBytes;

    CappedStreamReader(InputStream stream, int maxBytes) {
        super(stream);
        this.maxBytes = maxBytes;
    }

    @Override
    public byte[] getBytes(int count) throws IOException {
        if (count > maxBytes) {
            throw new ChunkTooLargeException(count, maxBytes);
        }
        return super.getBytes(count);
    }

    static final class ChunkTooLargeException extends IOException {
        final long size;

        ChunkTooLargeException(long size, long limit) {
            super("a metadata chunk of " + Sizes.describe(size) + " is over the " + Sizes.describe(limit)
                    + " limit, so it was not read");
            this.size = size;
        }
    }
}
