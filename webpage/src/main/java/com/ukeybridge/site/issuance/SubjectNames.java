package com.ukeybridge.site.issuance;

import javax.security.auth.x500.X500Principal;
import java.util.Map;

/**
 * Distinguished names as the API writes them: RFC 4514 strings in UTF-8, so a Chinese name
 * stays Chinese (the same form as the agent's {@code SubjectNames}).
 */
public final class SubjectNames {
    private static final Map<String, String> EXTRA_KEYWORDS = Map.of(
            "2.5.4.5", "SERIALNUMBER",
            "2.5.4.12", "T",
            "2.5.4.42", "GIVENNAME",
            "2.5.4.4", "SN",
            "1.2.840.113549.1.9.1", "EMAILADDRESS");

    private SubjectNames() {
    }

    public static String format(X500Principal name) {
        return name.getName(X500Principal.RFC2253, EXTRA_KEYWORDS);
    }

    /** @throws IllegalArgumentException when {@code rfc4514} is not a distinguished name */
    public static X500Principal parse(String rfc4514) {
        X500Principal principal = new X500Principal(rfc4514, Map.of(
                "SERIALNUMBER", "2.5.4.5",
                "T", "2.5.4.12",
                "GIVENNAME", "2.5.4.42",
                "SN", "2.5.4.4",
                "EMAILADDRESS", "1.2.840.113549.1.9.1"));
        if (principal.getEncoded().length <= 2) {
            throw new IllegalArgumentException("empty distinguished name");
        }
        return principal;
    }
}
