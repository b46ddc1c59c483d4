package com.ukeybridge.agent.prompt;

/** A dialog was asked for while the queue was full: it is not shown (protocol v2's {@code TOO_MANY_DIALOGS}). */
public final class TooManyDialogsException extends RuntimeException {
    public TooManyDialogsException(int queued) {
        super(queued + " dialogs already wait for the user: try again once they are answered");
    }
}
