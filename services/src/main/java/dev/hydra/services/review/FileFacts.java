package dev.hydra.services.review;

import dev.hydra.services.metadata.ImageMetadata;
import dev.hydra.services.metadata.MetadataReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What the library learns from a file's bytes: SHA-256, size, modification time and metadata. The file is read
 * once into memory (images are a few MB) and both the hash and the metadata come from that copy.
 */
record FileFacts(String contentHash, long size, Instant modifiedAt, ImageMetadata metadata) {

    /** Files above this are not indexed (no real generated image comes near it). */
    static final long MAX_FILE_BYTES = 512L << 20;

    static FileFacts read(Path file, MetadataReader reader) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.size() > MAX_FILE_BYTES) {
            throw new IOException("the file is " + (attributes.size() >> 20) + " MiB, over the "
                    + (MAX_FILE_BYTES >> 20) + " MiB limit for images");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        }
        return new FileFacts(sha256(bytes), bytes.length, attributes.lastModifiedTime().toInstant(), reader.read(bytes));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
