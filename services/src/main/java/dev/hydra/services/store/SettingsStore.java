package dev.hydra.services.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** User preferences that outlive the process (theme, last view, ...), as key/value text. */
public final class SettingsStore {

    private final Jdbi jdbi;
    private final Clock clock;

    public SettingsStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Optional<String> get(String key) {
        return jdbi.withHandle(h -> h.createQuery("select setting_value from settings where setting_key = :key")
                .bind("key", key).mapTo(String.class).findOne());
    }

    /** Every setting, for loading preferences once at start. */
    public Map<String, String> all() {
        Map<String, String> values = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("select setting_key, setting_value from settings order by setting_key")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> values.put(e.getKey(), e.getValue())));
        return values;
    }

    public void put(String key, String value) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("update settings set setting_value = :value, updated_at = :at "
                            + "where setting_key = :key")
                    .bind("key", key).bind("value", value).bind("at", now)
                    .execute();
            if (updated == 0) {
                h.createUpdate("insert into settings (setting_key, setting_value, updated_at) values (:key, :value, :at)")
                        .bind("key", key).bind("value", value).bind("at", now)
                        .execute();
            }
        });
    }
}
