package com.ukeybridge.agent.prompt;

import java.util.Optional;

/**
 * The one seam between the agent and its user: native dialogs on a desktop, nothing headless.
 * Tests replace it to play the user.
 */
public interface UserPrompts {
    /** Whether a person can be asked at all (a display is there). */
    boolean canAsk();

    /**
     * Asks for a token's PIN in the agent's own dialog, so the page never sees it.
     *
     * @return the PIN, which the caller wipes; empty when the user closed the dialog or did not answer
     */
    Optional<char[]> askPin(PinRequest request);

    /** @return whether the user agreed to the write */
    boolean confirmWrite(WriteRequest request);
}
