package com.ukeybridge.site.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code renewals} table, inside the caller's transaction. */
public final class RenewalRecords {
    private static final String COLUMNS = "id, certificate_id, challenge, challenge_expires_at, answered_key_sha256, "
            + "issued_certificate_id, created_at, completed_at";

    private final Connection connection;

    public RenewalRecords(Connection connection) {
        this.connection = connection;
    }

    /**
     * The one renewal of {@code certificateId}.
     *
     * @throws SQLException with SQLSTATE 23505 when the certificate already has its renewal (a concurrent start won)
     */
    public void insert(String id, long certificateId, byte[] challenge, Instant expiresAt, Instant now) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO renewals (id, certificate_id, renews_certificate_id, "
                + "challenge, challenge_expires_at, created_at) VALUES (?,?,?,?,?,?)")) {
            s.setString(1, id);
            s.setLong(2, certificateId);
            s.setLong(3, certificateId);
            s.setBytes(4, challenge);
            Sql.setInstant(s, 5, expiresAt);
            Sql.setInstant(s, 6, now);
            s.executeUpdate();
        }
    }

    /** Reads the renewal and locks its row until the transaction ends: one answer at a time, across instances. */
    public Optional<RenewalRecord> lock(String id) throws SQLException {
        List<RenewalRecord> rows = query("SELECT " + COLUMNS + " FROM renewals WHERE id = ? FOR UPDATE", id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Every renewal of the certificate, newest first. */
    public List<RenewalRecord> ofCertificate(long certificateId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM renewals WHERE certificate_id = ? ORDER BY created_at DESC, id", certificateId);
    }

    /**
     * A fresh challenge on the certificate's renewal (started again, or resumed). The key that
     * answered an earlier one stays: a renewal certifies one new key, ever.
     */
    public void renewChallenge(String id, byte[] challenge, Instant expiresAt) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE renewals SET challenge = ?, challenge_expires_at = ? WHERE id = ?")) {
            s.setBytes(1, challenge);
            Sql.setInstant(s, 2, expiresAt);
            s.setString(3, id);
            s.executeUpdate();
        }
    }

    public void recordIssued(String id, String keySha256, long certificateId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE renewals SET answered_key_sha256 = ?, issued_certificate_id = ? WHERE id = ? AND answered_key_sha256 IS NULL")) {
            s.setString(1, keySha256);
            s.setLong(2, certificateId);
            s.setString(3, id);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("renewal " + id + " has already certified a key");
            }
        }
    }

    /** @return whether this call recorded it (false: it was already completed) */
    public boolean complete(String id, Instant at) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE renewals SET completed_at = ? WHERE id = ? AND completed_at IS NULL")) {
            Sql.setInstant(s, 1, at);
            s.setString(2, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Renewals that issued a certificate before {@code issuedBefore} and never heard it was written. */
    public List<RenewalRecord> unconfirmedIssuedBefore(Instant issuedBefore) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM renewals WHERE completed_at IS NULL AND issued_certificate_id IN "
                + "(SELECT id FROM certificates WHERE created_at < ?) ORDER BY id", OffsetDateTime.ofInstant(issuedBefore, ZoneOffset.UTC));
    }

    private List<RenewalRecord> query(String sql, Object parameter) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet row = s.executeQuery()) {
                List<RenewalRecord> result = new ArrayList<>();
                while (row.next()) {
                    result.add(new RenewalRecord(row.getString("id"), row.getLong("certificate_id"), row.getBytes("challenge"),
                            Sql.instant(row, "challenge_expires_at"), Sql.optionalString(row, "answered_key_sha256"),
                            Sql.optionalLong(row, "issued_certificate_id"), Sql.instant(row, "created_at"),
                            Sql.optionalInstant(row, "completed_at")));
                }
                return result;
            }
        }
    }
}
