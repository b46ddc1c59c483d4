package com.ukeybridge.agent.desktop;

import java.net.URI;

/** Opens a page in the user's default browser. */
@FunctionalInterface
public interface Browser {
    void open(URI page);
}
