package com.ukeybridge.certs.trust;

import java.util.Collection;
import java.util.List;

/**
 * One place a browser or the OS looks for trusted roots. Implementations change only what
 * is ours: they add the current root, and remove only certificates whose SHA-256
 * fingerprint is one of the {@link KnownRoot}s they are given.
 */
public interface TrustStore {
    StoreId id();

    /** Whether {@code root} is in the store (and trusted for TLS servers where the store says so). */
    Presence status(LocalRootFile root);

    /**
     * Adds {@code root}; does nothing when it is already there, so installing twice leaves one entry.
     *
     * @throws TrustStoreException when the store cannot be changed
     */
    Installation install(LocalRootFile root);

    /**
     * Removes every certificate of {@code roots} from the store; what is not there is skipped.
     *
     * @param recorded what installed-roots.json says we put in this store (names, paths)
     * @return the names (nicknames, files, paths, thumbprints) removed; empty when there was nothing
     * @throws TrustStoreException when the store cannot be read or changed
     */
    List<String> remove(Collection<KnownRoot> roots, List<RecordedEntry> recorded);

    /** @param name nickname, file or thumbprint; {@code detail} a short human note, may be empty */
    record Presence(boolean present, String name, String detail) {
    }

    /**
     * @param name what identifies our entry in the store (nickname, file, path, thumbprint)
     * @param changed false when the root was already there
     * @param createdContainer true when the database or file holding it did not exist before
     */
    record Installation(String name, boolean changed, boolean createdContainer) {
    }
}
