-- Issue 10: one renewal per certificate, revocation reasons and published CRLs, unknown reference numbers
-- counted like real ones, a hash-chained audit log.
-- Portable SQL: H2 2.x and PostgreSQL 12+.

-- One renewal per old certificate, ever: the row that ties it to exactly one new key.
-- Rows from before this rule keep NULL when several exist for one certificate; every new row sets it.
ALTER TABLE renewals ADD COLUMN renews_certificate_id BIGINT;
UPDATE renewals SET renews_certificate_id = certificate_id
    WHERE certificate_id IN (SELECT certificate_id FROM renewals GROUP BY certificate_id HAVING COUNT(*) = 1);
ALTER TABLE renewals ADD CONSTRAINT renewals_one_per_certificate UNIQUE (renews_certificate_id);

-- Why a certificate was revoked: an RFC 5280 CRLReason name (unspecified, keyCompromise, superseded, ...).
ALTER TABLE certificates ADD COLUMN revocation_reason VARCHAR(32);
CREATE INDEX certificates_revoked ON certificates (revoked_at);

-- Every CRL the site signed, the newest served at GET {basePath}crl; shared by every instance.
CREATE TABLE crls (
    crl_number    BIGINT        PRIMARY KEY,
    this_update   TIMESTAMP WITH TIME ZONE NOT NULL,
    next_update   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_count INT           NOT NULL,            -- revocations in the records when it was made
    der           BYTEA         NOT NULL
);

-- Wrong tries on reference numbers that do not exist, counted like those on real ones: an
-- unknown number answers exactly as a real one with a wrong code (tries left, then locked).
CREATE TABLE probed_references (
    reference_number VARCHAR(32) PRIMARY KEY,
    failed_attempts  INT         NOT NULL,
    last_tried_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The audit log is append-only and chained: each row carries the hash of the one before.
ALTER TABLE audit_events ADD COLUMN previous_hash VARCHAR(64);
ALTER TABLE audit_events ADD COLUMN row_hash VARCHAR(64);
-- The chain's end, one row, locked by every append: appends are serialised and a removed tail shows.
CREATE TABLE audit_head (
    id        INT          PRIMARY KEY,
    last_id   BIGINT,
    last_hash VARCHAR(64)  NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, NULL, '0000000000000000000000000000000000000000000000000000000000000000');
