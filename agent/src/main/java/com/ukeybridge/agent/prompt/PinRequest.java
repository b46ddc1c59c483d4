package com.ukeybridge.agent.prompt;

/** What the PIN dialog shows: who asks, for which token, and how close the PIN is to locking. */
public record PinRequest(String origin, String tokenLabel, boolean pinCountLow, boolean finalTry) {
}
