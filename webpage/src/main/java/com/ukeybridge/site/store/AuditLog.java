package com.ukeybridge.site.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The {@code audit_events} table, written in the same transaction as the change it records.
 * Append-only and hash-chained: each row carries the hash of the row before it and its own,
 * {@code SHA-256(previous hash ‖ at ‖ actor ‖ action ‖ target ‖ detail)} (each field UTF-8,
 * length-prefixed), and {@code audit_head} holds the last one. An append locks the head, so
 * appends from every instance form one chain; {@link #verify()} finds a row changed, removed
 * or inserted, and a removed tail.
 */
public final class AuditLog {
    static final String GENESIS = "0".repeat(64);

    private final Connection connection;

    public AuditLog(Connection connection) {
        this.connection = connection;
    }

    /** Where the chain is broken, if it is. */
    public record Verification(long rowsChecked, Optional<String> broken) {
        public boolean intact() {
            return broken.isEmpty();
        }
    }

    public void record(AuditEvent event) throws SQLException {
        AuditEvent stored = new AuditEvent(event.at().truncatedTo(ChronoUnit.MILLIS), truncate(event.actor(), 256), event.action(),
                truncate(event.target(), 256), truncate(event.detail(), 2048));
        String previous = lockHead();
        String hash = hash(previous, stored);
        long id;
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO audit_events (at, actor, action, target, detail, previous_hash, row_hash) VALUES (?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            Sql.setInstant(s, 1, stored.at());
            s.setString(2, stored.actor());
            s.setString(3, stored.action());
            s.setString(4, stored.target());
            s.setString(5, stored.detail());
            s.setString(6, previous);
            s.setString(7, hash);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        moveHead(id, hash);
    }

    public List<AuditEvent> all() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT at, actor, action, target, detail FROM audit_events ORDER BY id");
             ResultSet row = s.executeQuery()) {
            List<AuditEvent> events = new ArrayList<>();
            while (row.next()) {
                events.add(event(row));
            }
            return events;
        }
    }

    /** Checks every row's hash and link, and that the head names the last row. */
    public Verification verify() throws SQLException {
        String expected = GENESIS;
        long lastId = -1;
        long rows = 0;
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT id, at, actor, action, target, detail, previous_hash, row_hash FROM audit_events ORDER BY id");
             ResultSet row = s.executeQuery()) {
            while (row.next()) {
                rows++;
                lastId = row.getLong("id");
                if (!expected.equals(row.getString("previous_hash"))) {
                    return new Verification(rows, Optional.of("row " + lastId + ": does not follow the row before it (a row was removed, inserted or changed)"));
                }
                String hash = hash(expected, event(row));
                if (!hash.equals(row.getString("row_hash"))) {
                    return new Verification(rows, Optional.of("row " + lastId + ": its content does not match its hash (the row was changed)"));
                }
                expected = hash;
            }
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT last_id, last_hash FROM audit_head WHERE id = 1");
             ResultSet head = s.executeQuery()) {
            head.next();
            long headId = head.getLong("last_id");
            boolean none = head.wasNull();
            if (!expected.equals(head.getString("last_hash")) || (none ? lastId != -1 : headId != lastId)) {
                return new Verification(rows, Optional.of("the chain's end (audit_head) does not match the last row: "
                        + "rows at the end were removed, or the end was changed"));
            }
        }
        return new Verification(rows, Optional.empty());
    }

    /** Chains the rows written before the chain existed (migration V2), once, in their order. */
    void sealUnchained() throws SQLException {
        String previous = lockHead();
        List<Long> ids = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT id, at, actor, action, target, detail FROM audit_events WHERE row_hash IS NULL ORDER BY id");
             ResultSet row = s.executeQuery()) {
            while (row.next()) {
                ids.add(row.getLong("id"));
                events.add(event(row));
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            String hash = hash(previous, events.get(i));
            try (PreparedStatement s = connection.prepareStatement(
                    "UPDATE audit_events SET previous_hash = ?, row_hash = ? WHERE id = ? AND row_hash IS NULL")) {
                s.setString(1, previous);
                s.setString(2, hash);
                s.setLong(3, ids.get(i));
                s.executeUpdate();
            }
            moveHead(ids.get(i), hash);
            previous = hash;
        }
    }

    private String lockHead() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet row = s.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("audit_head has no row: the audit log's chain is broken");
            }
            return row.getString(1);
        }
    }

    private void moveHead(long id, String hash) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1")) {
            s.setLong(1, id);
            s.setString(2, hash);
            s.executeUpdate();
        }
    }

    private static AuditEvent event(ResultSet row) throws SQLException {
        return new AuditEvent(Sql.instant(row, "at"), row.getString("actor"), row.getString("action"),
                row.getString("target"), row.getString("detail"));
    }

    static String hash(String previous, AuditEvent event) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String field : new String[]{previous, event.at().toString(), event.actor(), event.action(), event.target(), event.detail()}) {
                if (field == null) {
                    sha256.update(ByteBuffer.allocate(4).putInt(-1).array());
                } else {
                    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                    sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                    sha256.update(bytes);
                }
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
