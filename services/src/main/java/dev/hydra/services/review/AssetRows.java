package dev.hydra.services.review;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Maps asset and decision rows to records. */
final class AssetRows {

    static final String SUMMARY_COLUMNS = "id, content_hash, path, image_width, image_height, created_at, "
            + "character_name, scene, checkpoint, quality_flags, state, rating, reasons, decided_at, parent_asset_id";

    private AssetRows() {
    }

    static AssetSummary summary(ResultSet rs) throws SQLException {
        return new AssetSummary(rs.getLong("id"), rs.getString("content_hash"), Path.of(rs.getString("path")),
                integer(rs, "image_width"), integer(rs, "image_height"), instant(rs, "created_at"),
                rs.getString("character_name"), rs.getString("scene"), rs.getString("checkpoint"),
                Texts.flags(rs.getString("quality_flags")), ReviewState.fromLabel(rs.getString("state")),
                integer(rs, "rating"), Texts.split(rs.getString("reasons")), instant(rs, "decided_at"),
                longOrNull(rs, "parent_asset_id"));
    }

    static Asset asset(ResultSet rs) throws SQLException {
        return asset(rs, rs.getString("raw_text"));
    }

    /** @param raw the raw text chunks as stored (JSON), or null to leave them out */
    static Asset asset(ResultSet rs, String raw) throws SQLException {
        String flags = rs.getString("quality_flags");
        return new Asset(rs.getLong("id"), rs.getString("content_hash"), Path.of(rs.getString("path")),
                rs.getLong("file_size"), instant(rs, "created_at"), instant(rs, "indexed_at"),
                new AssetOrigin(AssetSource.fromLabel(rs.getString("source")), rs.getString("source_ref"),
                        rs.getString("job_id"), longOrNull(rs, "parent_asset_id")),
                rs.getString("character_name"), rs.getString("scene"),
                MetadataCodec.read(rs.getString("metadata_json"), raw),
                rs.getObject("quality_checked_at") == null ? null : Texts.flags(flags),
                longOrNull(rs, "duplicate_of"), ReviewState.fromLabel(rs.getString("state")), integer(rs, "rating"),
                Texts.split(rs.getString("reasons")), instant(rs, "decided_at"), rs.getString("decided_by"));
    }

    static Decision decision(ResultSet rs) throws SQLException {
        return new Decision(rs.getLong("id"), rs.getLong("asset_id"), Path.of(rs.getString("path")).getFileName()
                .toString(), ReviewState.fromLabel(rs.getString("state")), integer(rs, "rating"),
                Texts.split(rs.getString("reasons")), instant(rs, "decided_at"), rs.getString("actor"),
                ReviewState.fromLabel(rs.getString("prev_state")), longOrNull(rs, "undoes"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
