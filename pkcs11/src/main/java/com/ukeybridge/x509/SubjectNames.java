package com.ukeybridge.x509;

import javax.security.auth.x500.X500Principal;
import java.util.Map;

/**
 * Distinguished names as the agent's protocol and the site's API both write them: RFC 4514
 * strings in UTF-8, so a Chinese name stays Chinese rather than turning into {@code #hex}.
 * One class for both, so a page sees the same subject from the agent and from the site.
 */
public final class SubjectNames {
    /** Attribute types JCA does not name by itself in RFC 2253 output but people expect to read. */
    private static final Map<String, String> KEYWORDS_BY_OID = Map.of(
            "2.5.4.5", "SERIALNUMBER",
            "2.5.4.12", "T",
            "2.5.4.42", "GIVENNAME",
            "2.5.4.4", "SN",
            "1.2.840.113549.1.9.1", "EMAILADDRESS");

    private static final Map<String, String> OIDS_BY_KEYWORD = Map.of(
            "SERIALNUMBER", "2.5.4.5",
            "T", "2.5.4.12",
            "GIVENNAME", "2.5.4.42",
            "SN", "2.5.4.4",
            "EMAILADDRESS", "1.2.840.113549.1.9.1");

    private SubjectNames() {
    }

    public static String format(X500Principal name) {
        return name.getName(X500Principal.RFC2253, KEYWORDS_BY_OID);
    }

    /** @throws IllegalArgumentException when {@code rfc4514} is not a distinguished name, or an empty one */
    public static X500Principal parse(String rfc4514) {
        X500Principal principal = new X500Principal(rfc4514, OIDS_BY_KEYWORD);
        if (principal.getEncoded().length <= 2) {
            throw new IllegalArgumentException("empty distinguished name");
        }
        return principal;
    }
}
