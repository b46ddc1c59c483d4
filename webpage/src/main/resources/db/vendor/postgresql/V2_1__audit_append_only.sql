-- The audit log refuses changes and removals (issue 10): only rows not yet chained may be sealed
-- once (AuditLog.sealUnchained). Who owns the table can still drop this trigger: the hash chain
-- (ra audit verify) is what shows that.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.row_hash IS NOT NULL THEN
        RAISE EXCEPTION 'audit_events is append-only';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
