package com.ukeybridge.site.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The {@code certificate_pairs} table, inside the caller's transaction. */
public final class CertificatePairs {
    private static final String COLUMNS = "signing_certificate_id, encryption_certificate_id, escrow, enveloped_key";

    private final Connection connection;

    public CertificatePairs(Connection connection) {
        this.connection = connection;
    }

    /** @throws SQLException with SQLSTATE 23505 when either certificate is already in a pair */
    public void insert(CertificatePair pair, Instant now) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO certificate_pairs (" + COLUMNS + ", created_at) VALUES (?,?,?,?,?)")) {
            s.setLong(1, pair.signingCertificateId());
            s.setLong(2, pair.encryptionCertificateId());
            s.setBytes(3, pair.escrow().orElse(null));
            s.setBytes(4, pair.envelopedKey().orElse(null));
            Sql.setInstant(s, 5, now);
            s.executeUpdate();
        }
    }

    public Optional<CertificatePair> bySigning(long signingCertificateId) throws SQLException {
        return one("signing_certificate_id", signingCertificateId);
    }

    public Optional<CertificatePair> byEncryption(long encryptionCertificateId) throws SQLException {
        return one("encryption_certificate_id", encryptionCertificateId);
    }

    private Optional<CertificatePair> one(String column, long id) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM certificate_pairs WHERE " + column + " = ?")) {
            s.setLong(1, id);
            try (ResultSet row = s.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CertificatePair(row.getLong(1), row.getLong(2),
                        Optional.ofNullable(row.getBytes(3)), Optional.ofNullable(row.getBytes(4))));
            }
        }
    }
}
