package com.ukeybridge.agent.login;

import com.ukeybridge.token.KeyToken;
import com.ukeybridge.token.TokenId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Which connection is logged in to which token. PKCS#11 keeps one login per process and token,
 * so the agent keeps its own per-connection record: a connection counts as logged in only while
 * it has an entry made at the token's current login generation. The token itself is logged out
 * when its last logged-in connection logs out, disconnects or idles past the limit.
 */
public final class LoginLedger {
    /** docs/protocol.md: login ends after 10 idle minutes. */
    public static final Duration IDLE_LIMIT = Duration.ofMinutes(10);

    private record Key(String connectionId, TokenId tokenId) {
    }

    private record Entry(KeyToken token, long generation, Instant lastUse) {
        boolean isValid() {
            return token.isLoggedIn() && token.loginGeneration() == generation;
        }
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginLedger(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records that {@code connectionId} logged in to {@code token} just now.
     *
     * @param generationBefore the token's login generation read before the login call
     */
    public synchronized void loggedIn(String connectionId, KeyToken token, long generationBefore) {
        long generation = token.loginGeneration();
        // The token logs out and in again to check a PIN, which bumps the generation. The PIN
        // was right, so other connections that were logged in just before carry on.
        entries.replaceAll((key, entry) -> entry.token() == token && entry.generation() == generationBefore
                ? new Entry(token, generation, entry.lastUse()) : entry);
        entries.put(new Key(connectionId, token.id()), new Entry(token, generation, clock.instant()));
    }

    /** A failed login leaves the token logged out for every connection (protocol v1). */
    public synchronized void loginFailed(KeyToken token) {
        entries.entrySet().removeIf(e -> e.getValue().token() == token);
    }

    /**
     * Protocol v2: a wrong PIN ends this connection's login only. Other connections keep theirs as
     * long as the token itself stayed logged in (an entry of a logged-out token is void anyway).
     */
    public synchronized void loginFailed(String connectionId, KeyToken token) {
        Entry removed = entries.remove(new Key(connectionId, token.id()));
        if (removed != null) {
            logOutTokenIfUnused(removed.token());
        }
    }

    /** Whether the connection is logged in to the token; counts as use for the idle limit. */
    public synchronized boolean touch(String connectionId, KeyToken token) {
        Key key = new Key(connectionId, token.id());
        Entry entry = entries.get(key);
        if (entry == null || entry.token() != token || !entry.isValid()) {
            entries.remove(key);
            return false;
        }
        entries.put(key, new Entry(token, entry.generation(), clock.instant()));
        return true;
    }

    /** Whether the connection is logged in to the token, without counting as use. */
    public synchronized boolean isLoggedIn(String connectionId, KeyToken token) {
        Entry entry = entries.get(new Key(connectionId, token.id()));
        return entry != null && entry.token() == token && entry.isValid();
    }

    public synchronized void logout(String connectionId, KeyToken token) {
        Entry removed = entries.remove(new Key(connectionId, token.id()));
        if (removed != null) {
            logOutTokenIfUnused(removed.token());
        }
    }

    public void connectionClosed(String connectionId) {
        endWhere(key -> key.connectionId().equals(connectionId), (key, entry) -> true);
    }

    /** Ends logins idle for {@link #IDLE_LIMIT} or longer. Called periodically. */
    public void expireIdle() {
        Instant cutoff = clock.instant().minus(IDLE_LIMIT);
        endWhere(key -> true, (key, entry) -> !entry.lastUse().isAfter(cutoff));
    }

    private synchronized void endWhere(Predicate<Key> keyFilter, BiPredicate<Key, Entry> entryFilter) {
        List<KeyToken> affected = new ArrayList<>();
        entries.entrySet().removeIf(e -> {
            boolean end = keyFilter.test(e.getKey()) && entryFilter.test(e.getKey(), e.getValue());
            if (end) {
                affected.add(e.getValue().token());
            }
            return end;
        });
        affected.stream().distinct().forEach(this::logOutTokenIfUnused);
    }

    private void logOutTokenIfUnused(KeyToken token) {
        boolean stillUsed = entries.values().stream().anyMatch(e -> e.token() == token && e.isValid());
        if (!stillUsed && token.isLoggedIn()) {
            token.logout();
        }
    }
}
