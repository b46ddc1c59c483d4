package com.ukeybridge.agent.dialog;

import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.agent.prompt.PinRequest;
import com.ukeybridge.agent.prompt.UserPrompts;
import com.ukeybridge.agent.prompt.WriteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.swing.SwingUtilities;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The native dialogs behind {@link UserPrompts}. Called on the agent's worker threads: each
 * call puts its dialog up on the EDT with {@code invokeLater} and waits, on its own worker
 * only, for the answer, a close, or {@link #DEFAULT_TIMEOUT}; other connections go on
 * meanwhile, and several dialogs may be up at once. Closing or no answer in time is
 * {@code CANCELLED_BY_USER} to the page.
 */
public final class SwingPrompts implements UserPrompts {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(SwingPrompts.class);

    private final DialogTexts texts;
    private final Duration timeout;

    public SwingPrompts(Messages messages) {
        this(messages, DEFAULT_TIMEOUT);
    }

    public SwingPrompts(Messages messages, Duration timeout) {
        this.texts = new DialogTexts(messages);
        this.timeout = timeout;
    }

    @Override
    public boolean canAsk() {
        return true;
    }

    @Override
    public Optional<char[]> askPin(PinRequest request) {
        char[] pin = ask("PIN", new DialogAnswer<>(), answer -> PinDialog.open(texts.pin(request), answer)::close, null);
        return Optional.ofNullable(pin);
    }

    @Override
    public boolean confirmWrite(WriteRequest request) {
        return ask("write consent", new DialogAnswer<>(), answer -> ConsentDialog.open(texts.consent(request), answer)::close, false);
    }

    /** Opens a dialog on the EDT, waits here for its answer, and makes sure it is gone afterwards. */
    private <T> T ask(String what, DialogAnswer<T> answer, Function<DialogAnswer<T>, Runnable> open, T none) {
        if (SwingUtilities.isEventDispatchThread()) {
            // Waiting here would freeze every dialog; the agent never calls from the EDT.
            log.error("{} dialog requested on the event thread: refused", what);
            return none;
        }
        AtomicReference<Runnable> close = new AtomicReference<>();
        SwingUtilities.invokeLater(() -> {
            try {
                close.set(open.apply(answer));
            } catch (RuntimeException e) {
                log.error("{} dialog could not be shown", what, e);
                answer.give(null);
            }
        });
        T value = answer.await(timeout, none);
        if (value == none) {
            log.info("{} dialog closed or not answered within {}s", what, timeout.toSeconds());
        }
        SwingUtilities.invokeLater(() -> {
            Runnable closing = close.get();
            if (closing != null) {
                closing.run();
            }
        });
        return value;
    }
}
