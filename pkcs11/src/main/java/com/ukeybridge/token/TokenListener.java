package com.ukeybridge.token;

/** Told when a token is inserted or removed, or the certificates on one change. */
@FunctionalInterface
public interface TokenListener {
    void tokensChanged();
}
