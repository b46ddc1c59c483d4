package com.ukeybridge.site.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The {@code probed_references} table, inside the caller's transaction: wrong tries on reference
 * numbers that do not exist, so that they are counted, and lock, exactly like tries on real ones.
 */
public final class ProbedReferences {
    private final Connection connection;

    public ProbedReferences(Connection connection) {
        this.connection = connection;
    }

    /** The wrong tries so far on {@code referenceNumber}, its row locked until the transaction ends. */
    public int failures(String referenceNumber) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT failed_attempts FROM probed_references WHERE reference_number = ? FOR UPDATE")) {
            s.setString(1, referenceNumber);
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    /**
     * Counts one wrong try; @return the count after it
     *
     * @throws SQLException with SQLSTATE 23505 when a concurrent first try inserted the row (run again)
     */
    public int countFailure(String referenceNumber, Instant now) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE probed_references SET failed_attempts = failed_attempts + 1, last_tried_at = ? WHERE reference_number = ?")) {
            Sql.setInstant(s, 1, now);
            s.setString(2, referenceNumber);
            if (s.executeUpdate() == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO probed_references (reference_number, failed_attempts, last_tried_at) VALUES (?, 1, ?)")) {
                    insert.setString(1, referenceNumber);
                    Sql.setInstant(insert, 2, now);
                    insert.executeUpdate();
                }
            }
        }
        return failures(referenceNumber);
    }
}
