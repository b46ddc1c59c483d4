package com.ukeybridge.site.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code authorizations} table, inside the caller's transaction. */
public final class AuthorizationRecords {
    private static final String COLUMNS = "reference_number, subject, subject_der, code_salt, code_hash, created_at, expires_at, "
            + "failed_attempts, used_key_sha256, issued_certificate_id, completed_at, profile";

    private final Connection connection;

    public AuthorizationRecords(Connection connection) {
        this.connection = connection;
    }

    /** @throws SQLException with SQLSTATE 23505 when the reference number is taken */
    public void insert(AuthorizationRecord a) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO authorizations (reference_number, subject, subject_der, "
                + "code_salt, code_hash, created_at, expires_at, failed_attempts, profile) VALUES (?,?,?,?,?,?,?,0,?)")) {
            s.setString(1, a.referenceNumber());
            s.setString(2, a.subject());
            s.setBytes(3, a.subjectDer());
            s.setBytes(4, a.codeSalt());
            s.setBytes(5, a.codeHash());
            Sql.setInstant(s, 6, a.createdAt());
            Sql.setInstant(s, 7, a.expiresAt());
            s.setString(8, a.profile().externalName());
            s.executeUpdate();
        }
    }

    /** Reads the authorization and locks its row until the transaction ends, so that tries are counted one by one. */
    public Optional<AuthorizationRecord> lock(String referenceNumber) throws SQLException {
        List<AuthorizationRecord> rows = query("SELECT " + COLUMNS + " FROM authorizations WHERE reference_number = ? FOR UPDATE", referenceNumber);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public List<AuthorizationRecord> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM authorizations ORDER BY created_at, reference_number", null);
    }

    /** Counts one wrong code; @return the count after it */
    public int countFailure(String referenceNumber) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE authorizations SET failed_attempts = failed_attempts + 1 WHERE reference_number = ?")) {
            s.setString(1, referenceNumber);
            s.executeUpdate();
        }
        return lock(referenceNumber).orElseThrow().failedAttempts();
    }

    public void recordIssued(String referenceNumber, String keySha256, long certificateId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE authorizations SET used_key_sha256 = ?, issued_certificate_id = ? WHERE reference_number = ? AND used_key_sha256 IS NULL")) {
            s.setString(1, keySha256);
            s.setLong(2, certificateId);
            s.setString(3, referenceNumber);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("authorization " + referenceNumber + " was already used");
            }
        }
    }

    /** @return whether this call recorded it */
    public boolean complete(String referenceNumber, java.time.Instant at) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE authorizations SET completed_at = ? WHERE reference_number = ? AND completed_at IS NULL")) {
            Sql.setInstant(s, 1, at);
            s.setString(2, referenceNumber);
            return s.executeUpdate() == 1;
        }
    }

    private List<AuthorizationRecord> query(String sql, Object parameter) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            if (parameter != null) {
                s.setObject(1, parameter);
            }
            try (ResultSet row = s.executeQuery()) {
                List<AuthorizationRecord> result = new ArrayList<>();
                while (row.next()) {
                    result.add(new AuthorizationRecord(row.getString("reference_number"), row.getString("subject"),
                            row.getBytes("subject_der"), row.getBytes("code_salt"), row.getBytes("code_hash"),
                            Sql.instant(row, "created_at"), Sql.instant(row, "expires_at"), row.getInt("failed_attempts"),
                            Sql.optionalString(row, "used_key_sha256"), Sql.optionalLong(row, "issued_certificate_id"),
                            Sql.optionalInstant(row, "completed_at"),
                            DownloadProfile.parse(row.getString("profile")).orElseThrow()));
                }
                return result;
            }
        }
    }
}
