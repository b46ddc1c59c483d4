package com.ukeybridge.site.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The site's records: a connection pool on the configured JDBC URL (H2 embedded or PostgreSQL),
 * the schema brought up to date by Flyway ({@code db/migration}), and transactions.
 * Several site instances may share one PostgreSQL database: nothing that matters is kept in
 * memory, single use and counting are done with row locks, idempotency with unique constraints.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How long {@link #open} waits for another process to let go of an embedded H2 file. */
    static final Duration SHARED_FILE_WAIT = Duration.ofSeconds(60);
    /** An idle pool on an embedded H2 file closes its connections after this (Hikari's least), so H2 lets go of the file. */
    static final Duration SHARED_FILE_IDLE = Duration.ofSeconds(10);

    /**
     * Opens a pool on {@code jdbcUrl} and migrates the schema. An embedded H2 file opens no port,
     * so two processes ({@code serve} and {@code ra …}) take turns: the pool keeps no idle
     * connection on it (H2 closes the file {@link #SHARED_FILE_IDLE} after the last request), and
     * opening waits up to {@link #SHARED_FILE_WAIT} while another process holds it; a request
     * arriving meanwhile waits for its connection likewise (Hikari retries within its timeout).
     *
     * @throws DatabaseInUseException when the other process kept the H2 file all that time
     */
    public static Database open(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("site-db");
        config.setMaximumPoolSize(10);
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        boolean sharedFile = jdbcUrl.startsWith("jdbc:h2:file:");
        if (sharedFile) {
            config.setMinimumIdle(0);
            config.setIdleTimeout(SHARED_FILE_IDLE.toMillis());
            config.setConnectionTimeout(SHARED_FILE_WAIT.toMillis());
        }
        HikariDataSource dataSource = null;
        Instant giveUp = Instant.now().plus(SHARED_FILE_WAIT);
        while (dataSource == null) {
            try {
                dataSource = new HikariDataSource(config);
            } catch (RuntimeException e) {
                if (!sharedFile || !inUseElsewhere(e)) {
                    throw e;
                }
                if (Instant.now().isAfter(giveUp)) {
                    throw new DatabaseInUseException(redact(jdbcUrl));
                }
                LOG.info("The records are open in another process (serve?); waiting for it to let go");
                pause();
            }
        }
        try {
            // db/vendor/h2 or postgresql: what each database says in its own way (the audit log's append-only trigger).
            String vendor = jdbcUrl.startsWith("jdbc:h2:") ? "h2" : "postgresql";
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        LOG.info("Records in {}", redact(jdbcUrl));
        Database database = new Database(dataSource);
        database.transaction(c -> {
            new AuditLog(c).sealUnchained();
            return null;
        });
        return database;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     * A unique-constraint violation surfaces as {@link DuplicateKeyException}.
     */
    public <T> T transaction(TransactionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollback(connection);
                if (DuplicateKeyException.isDuplicate(e)) {
                    throw new DuplicateKeyException(e);
                }
                throw new StoreException(e);
            } catch (RuntimeException | Error e) {
                rollback(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * Like {@link #transaction}, run again (up to three times in all) when a unique constraint
     * refused a row: a concurrent request, maybe on another instance, committed it first, and
     * the next run sees its result.
     */
    public <T> T transactionRetryingDuplicates(TransactionWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction(work);
            } catch (DuplicateKeyException e) {
                if (attempt == 3) {
                    throw e;
                }
                LOG.debug("duplicate key, running the transaction again: {}", e.getMessage());
            }
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed: {}", e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(new SQLException("interrupted while waiting for the records", e));
        }
    }

    /** H2's "Database may be already in use" (error 90020): another process has the embedded file open. */
    private static boolean inUseElsewhere(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    /**
     * The embedded H2 file stayed open in another process for all of {@link #SHARED_FILE_WAIT}. H2
     * opens no port (no AUTO_SERVER), so processes take turns; a site busy without a pause keeps it.
     */
    public static final class DatabaseInUseException extends IllegalStateException {
        DatabaseInUseException(String url) {
            super("the site's H2 database (" + url + ") stayed open in another process for " + SHARED_FILE_WAIT.toSeconds()
                    + " s, most likely a busy 'update-site serve': the embedded database serves one process at a time and opens "
                    + "no network port. Retry when the site is quiet, or keep the records in PostgreSQL ('database'), which serve and ra share");
        }
    }

    private static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** The body of a transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
