package com.ukeybridge.site.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * JDBC URLs of fresh, empty databases for tests. PostgreSQL: the server named by the environment
 * variable {@code UKEY_TEST_POSTGRES_URL}, else the system property {@code ukey.test.postgres.url}
 * (set by the pom), else the role and database scripts/setup.sh makes; each call makes a new
 * schema in it. Tests using it are tagged {@code postgres}: when the server is unreachable they
 * fail (CI must notice); skip them with {@code -DexcludedTestGroups=postgres}.
 */
public final class TestDatabases {
    public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://localhost:5432/ukey_test?user=ukey_test&password=ukey_test";

    private TestDatabases() {
    }

    /** A private in-memory H2 database, kept until the JVM ends; waits 10 s for row locks. */
    public static String h2() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    }

    public static String postgresServer() {
        String env = System.getenv("UKEY_TEST_POSTGRES_URL");
        if (env != null && !env.isBlank()) {
            return env;
        }
        return System.getProperty("ukey.test.postgres.url", DEFAULT_POSTGRES_URL);
    }

    /** A new, empty schema on the test PostgreSQL server, as the current schema of the URL answered. */
    public static String postgres() {
        String server = postgresServer();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(server); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable at " + server.replaceAll("password=[^&]*", "password=***")
                    + " (run scripts/setup.sh, set UKEY_TEST_POSTGRES_URL, or skip with -DexcludedTestGroups=postgres): " + e.getMessage(), e);
        }
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops the schema {@link #postgres()} made for {@code url}. */
    public static void dropPostgres(String url) {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection connection = DriverManager.getConnection(postgresServer()); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
