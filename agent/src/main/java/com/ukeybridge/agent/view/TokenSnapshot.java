package com.ukeybridge.agent.view;

import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.PinCounter;
import com.ukeybridge.token.StoredCertificate;
import com.ukeybridge.token.KeyToken;
import com.ukeybridge.token.TokenInfo;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one token held at one moment, read once and then rendered for each connection.
 *
 * @param tokenLoggedIn whether the token (for the whole process) was logged in when read
 * @param privateKeyIds private keys visible in that login state
 * @param pinCounter    the PIN's retry counter, where the token tells it (SKF)
 */
public record TokenSnapshot(KeyToken token, TokenInfo info, List<StoredCertificate> certificates,
                            boolean tokenLoggedIn, Set<ObjectId> privateKeyIds, Optional<PinCounter> pinCounter) {

    public static TokenSnapshot read(KeyToken token) {
        boolean loggedIn = token.isLoggedIn();
        return new TokenSnapshot(token, token.info(), token.certificates(), loggedIn, token.privateKeyIds(), token.pinCounter());
    }

    /**
     * The protocol's {@code hasPrivateKey} as one connection may see it: never more than its
     * own login shows, so another connection's login does not leak.
     *
     * @return true, false, or null when the token hides keys from this connection
     */
    Boolean hasPrivateKey(ObjectId id, boolean connectionLoggedIn) {
        boolean found = !id.isEmpty() && privateKeyIds.contains(id);
        if (connectionLoggedIn && tokenLoggedIn) {
            return found;
        }
        if (!tokenLoggedIn && found) {
            return true;
        }
        return null;
    }
}
