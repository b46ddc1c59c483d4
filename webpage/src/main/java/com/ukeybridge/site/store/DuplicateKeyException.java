package com.ukeybridge.site.store;

import java.sql.SQLException;

/** A unique constraint refused a row: another request got there first. The transaction was rolled back. */
public final class DuplicateKeyException extends RuntimeException {
    DuplicateKeyException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** SQLSTATE 23505 (unique violation) in both H2 and PostgreSQL, anywhere in the chain. */
    static boolean isDuplicate(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if ("23505".equals(current.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
