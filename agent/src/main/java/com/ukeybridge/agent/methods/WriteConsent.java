package com.ukeybridge.agent.methods;

import com.ukeybridge.agent.prompt.CertificateSummary;
import com.ukeybridge.agent.prompt.UserPrompts;
import com.ukeybridge.agent.prompt.WriteRequest;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.token.KeyToken;

import java.util.Optional;

/** Asks the user before a write to a token, when the configuration says to ({@code confirmWrites}). */
final class WriteConsent {
    private final UserPrompts prompts;
    private final boolean confirmWrites;

    WriteConsent(UserPrompts prompts, boolean confirmWrites) {
        this.prompts = prompts;
        this.confirmWrites = confirmWrites;
    }

    void require(ClientConnection connection, KeyToken token, WriteRequest.Kind kind, String subject) {
        require(connection, token, kind, subject, Optional.empty(), Optional.empty());
    }

    /** A write of {@code certificate}, replacing {@code replaced} when given: the dialog shows both. */
    void require(ClientConnection connection, KeyToken token, WriteRequest.Kind kind, String subject,
                 Optional<CertificateSummary> certificate, Optional<CertificateSummary> replaced) {
        if (!confirmWrites) {
            return;
        }
        if (!prompts.confirmWrite(new WriteRequest(connection.origin(), token.info().label(), kind, subject, certificate, replaced))) {
            throw new RpcException(RpcError.CANCELLED_BY_USER, "the user declined to write to the token");
        }
    }
}
