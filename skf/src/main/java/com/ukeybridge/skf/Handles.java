package com.ukeybridge.skf;

import com.sun.jna.Pointer;

/** The SKF handles, one type each so that a container handle cannot be passed where a device's goes. */
public final class Handles {
    private Handles() {
    }

    /** {@code DEVHANDLE}, from {@code SKF_ConnectDev}. */
    public record Device(Pointer pointer) {
    }

    /** {@code HAPPLICATION}. */
    public record Application(Pointer pointer) {
    }

    /** {@code HCONTAINER}. */
    public record Container(Pointer pointer) {
    }

    /** A session-key {@code HANDLE} ({@code SKF_SetSymmKey}, {@code SKF_ImportSessionKey}). */
    public record SessionKey(Pointer pointer) {
    }

    /** A hash {@code HANDLE} ({@code SKF_DigestInit}). */
    public record Hash(Pointer pointer) {
    }
}
