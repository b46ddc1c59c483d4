package com.ukeybridge.site.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The {@code crls} table, inside the caller's transaction: every CRL the site signed. */
public final class CrlRecords {
    private final Connection connection;

    public CrlRecords(Connection connection) {
        this.connection = connection;
    }

    /** A signed CRL as stored. */
    public record StoredCrl(long crlNumber, Instant thisUpdate, Instant nextUpdate, int revokedCount, byte[] der) {
    }

    public Optional<StoredCrl> latest() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT crl_number, this_update, next_update, revoked_count, der FROM crls ORDER BY crl_number DESC FETCH FIRST 1 ROWS ONLY");
             ResultSet row = s.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredCrl(row.getLong("crl_number"), Sql.instant(row, "this_update"), Sql.instant(row, "next_update"),
                    row.getInt("revoked_count"), row.getBytes("der")));
        }
    }

    /** @throws SQLException with SQLSTATE 23505 when another instance stored this CRL number first */
    public void insert(StoredCrl crl) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO crls (crl_number, this_update, next_update, revoked_count, der) VALUES (?,?,?,?,?)")) {
            s.setLong(1, crl.crlNumber());
            Sql.setInstant(s, 2, crl.thisUpdate());
            Sql.setInstant(s, 3, crl.nextUpdate());
            s.setInt(4, crl.revokedCount());
            s.setBytes(5, crl.der());
            s.executeUpdate();
        }
    }
}
