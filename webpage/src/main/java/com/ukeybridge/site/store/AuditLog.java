package com.ukeybridge.site.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code audit_events} table, written in the same transaction as the change it records. */
public final class AuditLog {
    private final Connection connection;

    public AuditLog(Connection connection) {
        this.connection = connection;
    }

    public void record(AuditEvent event) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO audit_events (at, actor, action, target, detail) VALUES (?,?,?,?,?)")) {
            Sql.setInstant(s, 1, event.at());
            s.setString(2, truncate(event.actor(), 256));
            s.setString(3, event.action());
            s.setString(4, truncate(event.target(), 256));
            s.setString(5, truncate(event.detail(), 2048));
            s.executeUpdate();
        }
    }

    public List<AuditEvent> all() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT at, actor, action, target, detail FROM audit_events ORDER BY id");
             ResultSet row = s.executeQuery()) {
            List<AuditEvent> events = new ArrayList<>();
            while (row.next()) {
                events.add(new AuditEvent(Sql.instant(row, "at"), row.getString("actor"), row.getString("action"),
                        row.getString("target"), row.getString("detail")));
            }
            return events;
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
