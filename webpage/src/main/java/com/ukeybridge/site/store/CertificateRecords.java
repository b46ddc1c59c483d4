package com.ukeybridge.site.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code certificates} table, inside the caller's transaction. */
public final class CertificateRecords {
    private static final String COLUMNS = "id, fingerprint, serial_number, issuer, subject, subject_der, not_before, not_after, "
            + "public_key_sha256, origin, flow, flow_ref, der, created_at, revoked_at, revocation_reason";

    private final Connection connection;

    public CertificateRecords(Connection connection) {
        this.connection = connection;
    }

    public Optional<CertificateRecord> byId(long id) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM certificates WHERE id = ?", id);
    }

    public Optional<CertificateRecord> byFingerprint(String fingerprint) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM certificates WHERE fingerprint = ?", fingerprint);
    }

    /** The certificate issued here for this key, if any (at most one: a unique constraint). */
    public Optional<CertificateRecord> issuedForKey(String publicKeySha256) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM certificates WHERE issued_key_sha256 = ?", publicKeySha256);
    }

    /** Every known certificate (issued or imported) for this key. */
    public List<CertificateRecord> forKey(String publicKeySha256) throws SQLException {
        return many("SELECT " + COLUMNS + " FROM certificates WHERE public_key_sha256 = ? ORDER BY id", publicKeySha256);
    }

    public List<CertificateRecord> bySerialNumber(String serialNumber) throws SQLException {
        return many("SELECT " + COLUMNS + " FROM certificates WHERE serial_number = ? ORDER BY id", serialNumber);
    }

    public List<CertificateRecord> all() throws SQLException {
        return many("SELECT " + COLUMNS + " FROM certificates ORDER BY id");
    }

    /**
     * @return the new row's id
     * @throws SQLException with SQLSTATE 23505 when the certificate is already recorded, or (issued
     *                      ones) its key already has a certificate issued here
     */
    public long insert(NewCertificate c, Instant now) throws SQLException {
        String sql = "INSERT INTO certificates (fingerprint, serial_number, issuer, subject, subject_der, not_before, not_after, "
                + "public_key_sha256, issued_key_sha256, origin, flow, flow_ref, der, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement s = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, c.fingerprint());
            s.setString(2, c.serialNumber());
            s.setString(3, c.issuer());
            s.setString(4, c.subject());
            s.setBytes(5, c.subjectDer());
            Sql.setInstant(s, 6, c.notBefore());
            Sql.setInstant(s, 7, c.notAfter());
            s.setString(8, c.publicKeySha256());
            s.setString(9, c.origin() == CertificateRecord.Origin.ISSUED ? c.publicKeySha256() : null);
            s.setString(10, c.origin().name());
            s.setString(11, c.flow().map(Enum::name).orElse(null));
            s.setString(12, c.flowRef().orElse(null));
            s.setBytes(13, c.der());
            Sql.setInstant(s, 14, now);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** @return whether the certificate was not revoked before (a revocation is never changed or undone) */
    public boolean revoke(long id, Instant at, RevocationReason reason) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE certificates SET revoked_at = ?, revocation_reason = ? WHERE id = ? AND revoked_at IS NULL")) {
            Sql.setInstant(s, 1, at);
            s.setString(2, reason.rfcName());
            s.setLong(3, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Every revoked certificate, in the order of revocation. */
    public List<CertificateRecord> revoked() throws SQLException {
        return many("SELECT " + COLUMNS + " FROM certificates WHERE revoked_at IS NOT NULL ORDER BY revoked_at, id");
    }

    /** How many certificates are revoked: it only grows, so it tells whether a CRL is still current. */
    public int revokedCount() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT COUNT(*) FROM certificates WHERE revoked_at IS NOT NULL");
             ResultSet row = s.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private Optional<CertificateRecord> one(String sql, Object parameter) throws SQLException {
        List<CertificateRecord> rows = many(sql, parameter);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<CertificateRecord> many(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = s.executeQuery()) {
                List<CertificateRecord> result = new ArrayList<>();
                while (row.next()) {
                    Optional<Instant> revokedAt = Sql.optionalInstant(row, "revoked_at");
                    Optional<RevocationReason> reason = revokedAt.isEmpty() ? Optional.empty()
                            : Optional.of(Sql.optionalString(row, "revocation_reason").flatMap(RevocationReason::byName)
                            .orElse(RevocationReason.UNSPECIFIED));
                    result.add(new CertificateRecord(row.getLong("id"), row.getString("fingerprint"), row.getString("serial_number"),
                            row.getString("issuer"), row.getString("subject"), row.getBytes("subject_der"),
                            Sql.instant(row, "not_before"), Sql.instant(row, "not_after"), row.getString("public_key_sha256"),
                            CertificateRecord.Origin.valueOf(row.getString("origin")),
                            Sql.optionalString(row, "flow").map(CertificateRecord.Flow::valueOf), Sql.optionalString(row, "flow_ref"),
                            row.getBytes("der"), Sql.instant(row, "created_at"), revokedAt, reason));
                }
                return result;
            }
        }
    }
}
