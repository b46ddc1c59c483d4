package com.ukeybridge.agent;

import com.ukeybridge.agent.prompt.PinRequest;
import com.ukeybridge.agent.prompt.UserPrompts;
import com.ukeybridge.agent.prompt.WriteRequest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Plays the user at the agent's dialogs: answers a PIN or closes the dialog, agrees or declines, and remembers what it was shown. */
final class ScriptedPrompts implements UserPrompts {
    private final List<PinRequest> pinRequests = new CopyOnWriteArrayList<>();
    private final List<WriteRequest> writeRequests = new CopyOnWriteArrayList<>();
    private volatile String pin;
    private volatile boolean agree = true;

    /** The PIN dialog answers {@code pin}. */
    ScriptedPrompts answeringPin(String pin) {
        this.pin = pin;
        return this;
    }

    /** The PIN dialog is closed without an answer. */
    ScriptedPrompts closingPinDialog() {
        this.pin = null;
        return this;
    }

    ScriptedPrompts agreeingToWrites() {
        this.agree = true;
        return this;
    }

    ScriptedPrompts decliningWrites() {
        this.agree = false;
        return this;
    }

    List<PinRequest> pinRequests() {
        return List.copyOf(pinRequests);
    }

    List<WriteRequest> writeRequests() {
        return List.copyOf(writeRequests);
    }

    @Override
    public boolean canAsk() {
        return true;
    }

    @Override
    public Optional<char[]> askPin(PinRequest request) {
        pinRequests.add(request);
        String answer = pin;
        return answer == null ? Optional.empty() : Optional.of(answer.toCharArray());
    }

    @Override
    public boolean confirmWrite(WriteRequest request) {
        writeRequests.add(request);
        return agree;
    }
}
