package com.ukeybridge.agent.prompt;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Shows the agent's dialogs one at a time, in the order asked (docs/protocol.md, "Limits"), so
 * that a page cannot bury the user under dialogs nor hide one behind another. {@link #bounded()}
 * (protocol v2) refuses a dialog with {@link TooManyDialogsException} when
 * {@link #MAX_QUEUED} already wait; {@link #unbounded()} (protocol v1, which has no such error)
 * waits its turn whatever the queue. Thread-safe.
 */
public final class DialogQueue {
    /** Dialogs that may wait behind the visible one. */
    public static final int MAX_QUEUED = 4;

    private final UserPrompts prompts;
    private final Semaphore visible = new Semaphore(1, true);
    private final AtomicInteger asked = new AtomicInteger();

    public DialogQueue(UserPrompts prompts) {
        this.prompts = prompts;
    }

    /** The dialogs, refusing one when {@link #MAX_QUEUED} wait already. */
    public UserPrompts bounded() {
        return new View(true);
    }

    /** The dialogs, each waiting its turn however many wait. */
    public UserPrompts unbounded() {
        return new View(false);
    }

    /** Dialogs shown or waiting right now. */
    int asked() {
        return asked.get();
    }

    private <T> T inTurn(boolean bounded, Supplier<T> dialog) {
        int waitingOrShown = asked.incrementAndGet();
        try {
            if (bounded && waitingOrShown > MAX_QUEUED + 1) {
                throw new TooManyDialogsException(MAX_QUEUED);
            }
            visible.acquireUninterruptibly();
            try {
                return dialog.get();
            } finally {
                visible.release();
            }
        } finally {
            asked.decrementAndGet();
        }
    }

    private final class View implements UserPrompts {
        private final boolean bounded;

        View(boolean bounded) {
            this.bounded = bounded;
        }

        @Override
        public boolean canAsk() {
            return prompts.canAsk();
        }

        @Override
        public Optional<char[]> askPin(PinRequest request) {
            return inTurn(bounded, () -> prompts.askPin(request));
        }

        @Override
        public boolean confirmWrite(WriteRequest request) {
            return inTurn(bounded, () -> prompts.confirmWrite(request));
        }
    }
}
