package dev.hydra.services.config;

/**
 * A shared PostgreSQL database. The password is read from the environment variable HYDRA_DB_PASSWORD, never
 * from hydra.yaml.
 *
 * @param url  a JDBC URL, e.g. jdbc:postgresql://hydra-storage:5432/hydra
 * @param user the database user
 */
public record DatabaseConfig(String url, String user) {

    public DatabaseConfig {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database.url must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://hydra-storage:5432/hydra, got " + url);
        }
    }
}
