package com.ukeybridge.site.store;

import java.sql.SQLException;

/** The database failed (unreachable, lock timeout, a bug in a statement); the transaction was rolled back. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
