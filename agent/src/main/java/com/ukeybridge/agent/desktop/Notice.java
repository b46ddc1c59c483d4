package com.ukeybridge.agent.desktop;

/** A desktop notification; clicking it opens the update site. */
public record Notice(String title, String text) {
}
