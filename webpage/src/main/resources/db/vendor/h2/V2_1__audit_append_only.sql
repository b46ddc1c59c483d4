-- The audit log refuses changes and removals (issue 10): only rows not yet chained may be sealed
-- once (AuditLog.sealUnchained). Who can open the file can still drop this trigger: the hash
-- chain (ra audit verify) is what shows that.
CREATE TRIGGER audit_events_append_only BEFORE UPDATE, DELETE ON audit_events
    FOR EACH ROW CALL 'com.ukeybridge.site.store.AuditAppendOnlyTrigger';
