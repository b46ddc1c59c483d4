package com.ukeybridge.agent.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The desktop's texts in the user's language: Chinese when the OS speaks Chinese, English
 * otherwise. The old system's users read Chinese; English is for everyone else.
 */
public final class Messages {
    private static final String BUNDLE = "com.ukeybridge.agent.i18n.messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /** The texts for the OS's language ({@link Locale#getDefault()}). */
    public static Messages forDefaultLocale() {
        return forLocale(Locale.getDefault());
    }

    public static Messages forLocale(Locale requested) {
        boolean chinese = "zh".equals(requested.getLanguage());
        Locale locale = chinese ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        // No fallback to the JVM's default locale: the choice above is the whole rule.
        ResourceBundle.Control control = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, chinese ? Locale.CHINESE : Locale.ROOT, control);
        return new Messages(bundle, locale);
    }

    public Locale locale() {
        return locale;
    }

    /** The text under {@code key}, with {@code args} put in by {@link MessageFormat}. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no text for '" + key + "'", e);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
