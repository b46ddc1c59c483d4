package com.ukeybridge.site.cli;

import com.sun.security.auth.module.NTSystem;
import com.sun.security.auth.module.UnixSystem;

/**
 * The OS account running this process, asked of the OS (the name of {@code getuid()} on Unix,
 * the logged-on account on Windows), never the {@code user.name} property, which
 * {@code -Duser.name=…} sets to anything.
 */
final class OsAccount {
    private OsAccount() {
    }

    static String name() {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            NTSystem nt = new NTSystem();
            return nt.getDomain() + "\\" + nt.getName();
        }
        UnixSystem unix = new UnixSystem();
        return unix.getUsername() + " (uid " + unix.getUid() + ")";
    }
}
