package dev.hydra.services.review;

import dev.hydra.services.metadata.MetadataReader;
import dev.hydra.services.metadata.ReadStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The asset library in the application's database (H2 or PostgreSQL). */
public final class DatabaseAssetLibrary implements AssetLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseAssetLibrary.class);
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp");

    private final Jdbi jdbi;
    private final Clock clock;
    private final MetadataReader reader;
    private final Classifier classifier;
    private final DecisionLog decisions;

    public DatabaseAssetLibrary(Jdbi jdbi, Clock clock, MetadataReader reader, Classifier classifier) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.reader = reader;
        this.classifier = classifier;
        this.decisions = new DecisionLog(jdbi, clock);
    }

    /** Whether a file's name says it is an image we index (png, jpg, jpeg, webp). */
    public static boolean looksLikeImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && !name.startsWith(".") && IMAGE_EXTENSIONS.contains(name.substring(dot + 1)
                .toLowerCase(Locale.ROOT));
    }

    @Override
    public IndexOutcome register(Path file, AssetOrigin origin) {
        return store(List.of(prepare(file, origin))).getFirst();
    }

    @Override
    public void registerAll(List<Path> files, AssetOrigin origin, int parallelism,
            java.util.function.Consumer<IndexOutcome> progress) {
        java.util.concurrent.BlockingQueue<Prepared> ready = new java.util.concurrent.LinkedBlockingQueue<>(
                BATCH * 4);
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(parallelism);
        try (var workers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (Path file : files) {
                workers.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        ready.put(prepare(file, origin));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        slots.release();
                    }
                });
            }
            int stored = 0;
            List<Prepared> batch = new ArrayList<>(BATCH);
            while (stored < files.size()) {
                try {
                    batch.add(ready.take());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                ready.drainTo(batch, BATCH - batch.size());
                stored += batch.size();
                store(batch).forEach(progress);
                batch.clear();
            }
        }
    }

    /** Rows written per transaction when many files are registered at once. */
    private static final int BATCH = 200;

    /** A file read and parsed (in parallel), waiting to be stored; or the outcome when there is nothing to store. */
    private record Prepared(Path file, AssetOrigin origin, FileFacts facts, Classifier.Classification classification,
            IndexOutcome outcome) {
    }

    private Prepared prepare(Path file, AssetOrigin origin) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!looksLikeImage(absolute)) {
            return new Prepared(absolute, origin, null, null, new IndexOutcome(absolute, IndexOutcome.Kind.SKIPPED,
                    null, "not an image file (png, jpg, jpeg, webp)"));
        }
        FileFacts facts;
        try {
            facts = FileFacts.read(absolute, reader);
        } catch (IOException e) {
            return new Prepared(absolute, origin, null, null, new IndexOutcome(absolute, IndexOutcome.Kind.FAILED,
                    null, "cannot read the file: " + e.getMessage()));
        }
        if (facts.metadata().status() == ReadStatus.ERROR) {
            return new Prepared(absolute, origin, null, null, new IndexOutcome(absolute, IndexOutcome.Kind.FAILED,
                    null, String.join("; ", facts.metadata().problems())));
        }
        Path root = origin.source() == AssetSource.FOLDER && origin.sourceRef() != null ? Path.of(origin.sourceRef())
                : null;
        return new Prepared(absolute, origin, facts, classifier.classify(absolute, root, facts.metadata()), null);
    }

    /** Stores prepared files in one transaction (one by one if the batch fails, so one bad row costs only itself). */
    private List<IndexOutcome> store(List<Prepared> batch) {
        try {
            return jdbi.inTransaction(h -> {
                List<IndexOutcome> outcomes = new ArrayList<>();
                for (Prepared prepared : batch) {
                    outcomes.add(store(h, prepared));
                }
                return outcomes;
            });
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                Prepared prepared = batch.getFirst();
                LOG.warn("Could not store {}", prepared.file(), e);
                Optional<Long> raced = prepared.facts() == null ? Optional.empty()
                        : findByHash(prepared.facts().contentHash());
                return List.of(raced.map(id -> new IndexOutcome(prepared.file(), IndexOutcome.Kind.DUPLICATE, id,
                        "same picture as asset " + id)).orElseGet(() -> new IndexOutcome(prepared.file(),
                        IndexOutcome.Kind.FAILED, null, "could not be stored: " + e.getMessage())));
            }
            List<IndexOutcome> outcomes = new ArrayList<>();
            for (Prepared prepared : batch) {
                outcomes.addAll(store(List.of(prepared)));
            }
            return outcomes;
        }
    }

    private IndexOutcome store(org.jdbi.v3.core.Handle h, Prepared prepared) {
        if (prepared.outcome() != null) {
            return prepared.outcome();
        }
        Optional<Long> existing = h.createQuery("select id from asset where content_hash = :hash")
                .bind("hash", prepared.facts().contentHash()).mapTo(Long.class).findOne();
        if (existing.isPresent()) {
            relinkIfMoved(h, existing.get(), prepared.file());
            return new IndexOutcome(prepared.file(), IndexOutcome.Kind.DUPLICATE, existing.get(),
                    "same picture as asset " + existing.get());
        }
        long id = insert(h, prepared.file(), prepared.origin(), prepared.facts(), prepared.classification());
        return new IndexOutcome(prepared.file(), IndexOutcome.Kind.ADDED, id, null);
    }

    private long insert(org.jdbi.v3.core.Handle h, Path file, AssetOrigin origin, FileFacts facts,
            Classifier.Classification classification) {
        var metadata = facts.metadata();
        return h.createUpdate("insert into asset (content_hash, path, file_size, format, "
                        + "image_width, image_height, created_at, indexed_at, source, source_ref, job_id, "
                        + "parent_asset_id, character_name, scene, read_status, problems, metadata_source, checkpoint, "
                        + "metadata_json, raw_text, state) values (:hash, :path, :size, :format, :width, :height, "
                        + ":created, :indexed, :source, :sourceRef, :job, :parent, :character, :scene, :status, "
                        + ":problems, :metadataSource, :checkpoint, :metadata, :raw, 'pending')")
                .bind("hash", facts.contentHash()).bind("path", file.toString()).bind("size", facts.size())
                .bind("format", metadata.format()).bind("width", metadata.imageWidth())
                .bind("height", metadata.imageHeight())
                .bind("created", facts.modifiedAt().atOffset(ZoneOffset.UTC))
                .bind("indexed", clock.instant().atOffset(ZoneOffset.UTC))
                .bind("source", origin.source().label()).bind("sourceRef", origin.sourceRef())
                .bind("job", origin.jobId()).bind("parent", origin.parentAssetId())
                .bind("character", classification.character()).bind("scene", classification.scene())
                .bind("status", metadata.status().name().toLowerCase(Locale.ROOT))
                .bind("problems", metadata.problems().isEmpty() ? null : truncate(String.join("\n",
                        metadata.problems()), 4000))
                .bind("metadataSource", metadata.source().label())
                .bind("checkpoint", metadata.checkpoint().map(c -> truncate(c, 1000)).orElse(null))
                .bind("metadata", MetadataCodec.parsed(metadata)).bind("raw", MetadataCodec.raw(metadata))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private Optional<Long> findByHash(String hash) {
        return jdbi.withHandle(h -> h.createQuery("select id from asset where content_hash = :hash")
                .bind("hash", hash).mapTo(Long.class).findOne());
    }

    /** A file moved or renamed keeps its asset (and decisions): the row follows it when the old path is gone. */
    private static void relinkIfMoved(org.jdbi.v3.core.Handle h, long id, Path newPath) {
        h.createQuery("select path from asset where id = :id").bind("id", id).mapTo(String.class)
                .findOne().filter(old -> !old.equals(newPath.toString()) && !Files.exists(Path.of(old)))
                .ifPresent(old -> h.createUpdate("update asset set path = :path where id = :id")
                        .bind("path", newPath.toString()).bind("id", id).execute());
    }

    @Override
    public List<AssetSummary> list(AssetQuery query) {
        StringBuilder sql = new StringBuilder("select " + AssetRows.SUMMARY_COLUMNS + " from asset where 1 = 1");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (query.state() != null) {
            sql.append(" and state = :state");
            binds.put("state", query.state().label());
        }
        if (query.character() != null) {
            sql.append(" and character_name = :character");
            binds.put("character", query.character());
        }
        if (query.checkpoint() != null) {
            sql.append(" and checkpoint = :checkpoint");
            binds.put("checkpoint", query.checkpoint());
        }
        if (query.from() != null) {
            sql.append(" and created_at >= :from");
            binds.put("from", query.from().atOffset(ZoneOffset.UTC));
        }
        if (query.until() != null) {
            sql.append(" and created_at < :until");
            binds.put("until", query.until().atOffset(ZoneOffset.UTC));
        }
        if (query.qualityFlag() != null) {
            sql.append(" and quality_flags like :flag");
            binds.put("flag", "%" + query.qualityFlag().key() + "%");
        }
        sql.append(query.newestFirst() ? " order by created_at desc, id desc" : " order by created_at, id");
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString());
            binds.forEach(q::bind);
            return q.map((rs, ctx) -> AssetRows.summary(rs)).list();
        });
    }

    @Override
    public Optional<Asset> get(long id) {
        return jdbi.withHandle(h -> h.createQuery("select * from asset where id = :id").bind("id", id)
                .map((rs, ctx) -> AssetRows.asset(rs)).findOne());
    }

    @Override
    public List<Asset> metadataOf(Collection<Long> ids) {
        List<Long> all = List.copyOf(ids);
        List<Asset> assets = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += 500) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 500));
            assets.addAll(jdbi.withHandle(h -> h.createQuery("select " + LEARNING_COLUMNS
                            + " from asset where id in (<ids>) order by id")
                    .bindList("ids", chunk).map((rs, ctx) -> AssetRows.asset(rs, null)).list()));
        }
        return assets;
    }

    /** Every column but the raw text chunks. */
    private static final String LEARNING_COLUMNS = "id, content_hash, path, file_size, created_at, indexed_at, source, "
            + "source_ref, job_id, parent_asset_id, character_name, scene, metadata_json, quality_checked_at, "
            + "quality_flags, duplicate_of, state, rating, reasons, decided_at, decided_by";

    @Override
    public List<AssetSummary> children(long id) {
        return jdbi.withHandle(h -> h.createQuery("select " + AssetRows.SUMMARY_COLUMNS + " from asset "
                        + "where parent_asset_id = :id order by created_at, id")
                .bind("id", id).map((rs, ctx) -> AssetRows.summary(rs)).list());
    }

    @Override
    public Decision decide(long assetId, ReviewState state, Integer rating, Set<String> reasons) {
        return decisions.decide(assetId, state, rating, reasons, "user");
    }

    @Override
    public Decision rate(long assetId, int rating) {
        return decisions.rate(assetId, rating);
    }

    @Override
    public List<Decision> decideAll(Collection<Long> assetIds, ReviewState state) {
        return decisions.decideAll(assetIds, state, "user");
    }

    @Override
    public Optional<Decision> undo(long decisionId) {
        return decisions.undo(decisionId);
    }

    @Override
    public List<Decision> recentDecisions(int limit) {
        return decisions.recent(limit);
    }

    @Override
    public ReviewStats stats() {
        return jdbi.withHandle(h -> {
            Map<String, Long> byState = new LinkedHashMap<>();
            for (ReviewState state : ReviewState.values()) {
                byState.put(state.label(), 0L);
            }
            Map<String, Map<String, Long>> byCheckpoint = new TreeMap<>();
            Map<String, Map<String, Long>> byCharacter = new TreeMap<>();
            long[] total = {0};
            h.createQuery("select checkpoint, character_name, state, count(*) from asset "
                            + "group by checkpoint, character_name, state")
                    .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)})
                    .forEach(row -> {
                        long count = (Long) row[3];
                        String state = (String) row[2];
                        total[0] += count;
                        byState.merge(state, count, Long::sum);
                        add(byCheckpoint, (String) row[0], state, count);
                        add(byCharacter, (String) row[1], state, count);
                    });
            return new ReviewStats(total[0], byState, byCheckpoint, byCharacter);
        });
    }

    private static void add(Map<String, Map<String, Long>> table, String key, String state, long count) {
        Map<String, Long> row = table.computeIfAbsent(key == null ? "(none)" : key, k -> {
            Map<String, Long> states = new LinkedHashMap<>();
            for (ReviewState s : ReviewState.values()) {
                states.put(s.label(), 0L);
            }
            return states;
        });
        row.merge(state, count, Long::sum);
    }

    @Override
    public List<IndexOutcome> moveRejectedToTrash(Collection<Long> assetIds, Path trashDir) {
        List<IndexOutcome> outcomes = new ArrayList<>();
        Path day = trashDir.resolve(clock.instant().atZone(java.time.ZoneId.systemDefault()).toLocalDate().toString());
        for (long id : assetIds) {
            Optional<Asset> asset = get(id);
            if (asset.isEmpty()) {
                continue;
            }
            Path from = asset.get().path();
            if (asset.get().state() != ReviewState.REJECTED) {
                outcomes.add(new IndexOutcome(from, IndexOutcome.Kind.SKIPPED, id, "not rejected, so left in place"));
                continue;
            }
            try {
                Files.createDirectories(day);
                Path to = day.resolve(from.getFileName());
                for (int n = 1; Files.exists(to); n++) {
                    to = day.resolve(id + "_" + n + "_" + from.getFileName());
                }
                Files.move(from, to);
                Path moved = to;
                jdbi.useHandle(h -> h.createUpdate("update asset set path = :path where id = :id")
                        .bind("path", moved.toString()).bind("id", id).execute());
                outcomes.add(new IndexOutcome(moved, IndexOutcome.Kind.ADDED, id, "moved from " + from));
            } catch (IOException e) {
                outcomes.add(new IndexOutcome(from, IndexOutcome.Kind.FAILED, id, "cannot move to the trash: "
                        + e.getMessage()));
            }
        }
        return outcomes;
    }

    @Override
    public List<String> checkpoints() {
        return jdbi.withHandle(h -> h.createQuery("select distinct checkpoint from asset where checkpoint is not null "
                + "order by checkpoint").mapTo(String.class).list());
    }

    @Override
    public List<String> characters() {
        return jdbi.withHandle(h -> h.createQuery("select distinct character_name from asset where character_name is "
                + "not null order by character_name").mapTo(String.class).list());
    }

    @Override
    public Map<Path, Long> indexedFiles() {
        Map<Path, Long> files = new java.util.HashMap<>();
        jdbi.useHandle(h -> h.createQuery("select path, file_size from asset")
                .map((rs, ctx) -> Map.entry(Path.of(rs.getString(1)), rs.getLong(2)))
                .forEach(e -> files.put(e.getKey(), e.getValue())));
        return files;
    }

    @Override
    public List<Path> folders() {
        List<Path> folders = new ArrayList<>();
        jdbi.useHandle(h -> h.createQuery("select path from review_folder order by added_at, path").mapTo(String.class)
                .forEach(p -> folders.add(Path.of(p))));
        return folders;
    }

    @Override
    public void addFolder(Path folder) {
        String path = folder.toAbsolutePath().normalize().toString();
        jdbi.useTransaction(h -> {
            boolean known = h.createQuery("select count(*) from review_folder where path = :path").bind("path", path)
                    .mapTo(Long.class).one() > 0;
            if (!known) {
                h.createUpdate("insert into review_folder (path, added_at) values (:path, :at)").bind("path", path)
                        .bind("at", clock.instant().atOffset(ZoneOffset.UTC)).execute();
            }
        });
    }

    /** An asset whose quality has not been checked yet. */
    record Unchecked(long id, String contentHash, java.nio.file.Path path, dev.hydra.services.metadata.ImageMetadata metadata) {
    }

    List<Unchecked> unchecked(int limit) {
        return jdbi.withHandle(h -> h.createQuery("select id, content_hash, path, metadata_json from asset "
                        + "where quality_checked_at is null order by id limit :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new Unchecked(rs.getLong(1), rs.getString(2), Path.of(rs.getString(3)),
                        MetadataCodec.read(rs.getString(4), null)))
                .list());
    }

    Map<Long, Long> perceptualHashes() {
        Map<Long, Long> hashes = new java.util.HashMap<>();
        jdbi.useHandle(h -> h.createQuery("select id, perceptual_hash from asset where perceptual_hash is not null")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .forEach(e -> hashes.put(e.getKey(), e.getValue())));
        return hashes;
    }

    void storeQuality(long id, Set<QualityFlag> flags, QualityMeasures measures, Long duplicateOf, String error) {
        String json;
        try {
            json = dev.hydra.services.json.Json.mapper().writeValueAsString(error != null ? Map.of("error", error)
                    : measures);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jdbi.useHandle(h -> h.createUpdate("update asset set quality_checked_at = :at, quality_flags = :flags, "
                        + "quality_json = :json, perceptual_hash = :hash, duplicate_of = :duplicate where id = :id")
                .bind("at", clock.instant().atOffset(ZoneOffset.UTC)).bind("flags", Texts.flagText(flags))
                .bind("json", truncate(json, 2000)).bind("hash", measures == null ? null : measures.perceptualHash())
                .bind("duplicate", duplicateOf).bind("id", id).execute());
    }

    /** Rejects a still-pending asset for a quality flag named in review.autoReject. */
    void autoReject(long id, QualityFlag flag) {
        boolean pending = jdbi.withHandle(h -> h.createQuery("select state from asset where id = :id").bind("id", id)
                .mapTo(String.class).findOne()).map("pending"::equals).orElse(false);
        if (pending) {
            decisions.decide(id, ReviewState.REJECTED, null, Set.of(flag.key()), "auto:" + flag.key());
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
