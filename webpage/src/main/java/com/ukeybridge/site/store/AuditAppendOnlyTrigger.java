package com.ukeybridge.site.store;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * H2's side of {@code audit_events_append_only} (migration V2_1, PostgreSQL has a PL/pgSQL
 * function): a row is never removed, and changed only while it is not yet chained.
 */
public final class AuditAppendOnlyTrigger implements Trigger {
    /** {@code row_hash}: the last column, added by migration V2. */
    private static final int ROW_HASH = 7;

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null || oldRow[ROW_HASH] != null) {
            throw new SQLException("audit_events is append-only", "23000");
        }
    }
}
