package com.ukeybridge.agent.desktop;

/** Where the desktop reads its facts, and hears that they may have changed. */
public interface FactsSource {
    /** Reads now; may wait on a busy key, so never called on the toolkit's thread. */
    DesktopFacts read();

    /** {@code listener} runs (on some other thread) when keys come, go or change. */
    void onChange(Runnable listener);
}
