package com.ukeybridge.agent.prompt;

import java.util.Optional;

/** No display: nobody to ask. The PIN must come with the request, and writes are not confirmed. */
public final class HeadlessPrompts implements UserPrompts {
    @Override
    public boolean canAsk() {
        return false;
    }

    @Override
    public Optional<char[]> askPin(PinRequest request) {
        return Optional.empty();
    }

    @Override
    public boolean confirmWrite(WriteRequest request) {
        return false;
    }
}
