package com.ukeybridge.token;

/** A PIN's retry counter as the token reports it: the limit and the tries left (0: blocked). */
public record PinCounter(int maxRetries, int retriesLeft) {
}
