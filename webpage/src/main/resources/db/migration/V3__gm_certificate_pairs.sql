-- 国密 dual certificates (issue 11): a GM key's signing certificate and its encryption certificate
-- are one pair. For a pair issued here the KMC's escrow of the encryption private key (sealed under
-- the KMC master key, which is never in the database) and the envelope sent to the key are kept,
-- so a resumed renewal or download gets the very same encryption key. Imported pairs have neither.
CREATE TABLE certificate_pairs (
    signing_certificate_id    BIGINT PRIMARY KEY REFERENCES certificates (id),
    encryption_certificate_id BIGINT NOT NULL REFERENCES certificates (id),
    escrow                    BYTEA,
    enveloped_key             BYTEA,
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT certificate_pairs_encryption UNIQUE (encryption_certificate_id)
);

-- What a download authorization issues: 'single' (one certificate, the key's own algorithm) or 'gm-dual'.
ALTER TABLE authorizations ADD COLUMN profile VARCHAR(16) DEFAULT 'single' NOT NULL;
