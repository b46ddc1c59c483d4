package com.ukeybridge.site.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

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

    /** Opens a pool on {@code jdbcUrl} and migrates the schema. */
    public static Database open(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("site-db");
        config.setMaximumPoolSize(10);
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            if (inUseElsewhere(e)) {
                throw new DatabaseInUseException(redact(jdbcUrl));
            }
            throw e;
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
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
     * The embedded H2 file is open in another process. H2 opens no port (no AUTO_SERVER), so one
     * process at a time: stop {@code serve} for {@code ra …}, or keep the records in PostgreSQL.
     */
    public static final class DatabaseInUseException extends IllegalStateException {
        DatabaseInUseException(String url) {
            super("the site's H2 database (" + url + ") is open in another process, most likely 'update-site serve': "
                    + "the embedded database serves one process and opens no network port. Stop the site for RA work, "
                    + "or keep the records in PostgreSQL ('database'), which serve and ra share");
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
