package com.ukeybridge.agent.tokens;

import com.ukeybridge.agent.skf.SkfTokens;
import com.ukeybridge.token.KeyToken;
import com.ukeybridge.token.ModuleStatus;
import com.ukeybridge.token.TokenId;
import com.ukeybridge.token.TokenListener;
import com.ukeybridge.token.TokenRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every token the agent sees: the PKCS#11 modules' ({@link TokenRegistry}) and then the SKF
 * libraries' ({@link SkfTokens}), behind the one {@link KeyToken} type. Owns and closes both.
 */
public final class TokenDirectory implements AutoCloseable {
    private final TokenRegistry pkcs11;
    private final SkfTokens skf;

    public TokenDirectory(TokenRegistry pkcs11, SkfTokens skf) {
        this.pkcs11 = pkcs11;
        this.skf = skf;
    }

    /** Present tokens in a stable order: PKCS#11 first, then SKF. */
    public List<KeyToken> tokens() {
        List<KeyToken> all = new ArrayList<>(pkcs11.tokens());
        all.addAll(skf.tokens());
        return List.copyOf(all);
    }

    public Optional<KeyToken> find(TokenId id) {
        return tokens().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public List<ModuleStatus> modules() {
        List<ModuleStatus> all = new ArrayList<>(pkcs11.modules());
        all.addAll(skf.modules());
        return List.copyOf(all);
    }

    public void addListener(TokenListener listener) {
        pkcs11.addListener(listener);
        skf.addListener(listener);
    }

    /** Polls both now; listeners hear of any change before it returns. */
    public void refresh() {
        pkcs11.refresh();
        skf.refresh();
    }

    public void start() {
        pkcs11.start();
        skf.start();
    }

    @Override
    public void close() {
        try {
            skf.close();
        } finally {
            pkcs11.close();
        }
    }
}
