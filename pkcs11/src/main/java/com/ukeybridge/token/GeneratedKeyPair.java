package com.ukeybridge.token;

import java.security.PublicKey;

/** A key pair just generated on a token: the {@code CKA_ID} both halves share, and the public half. */
public record GeneratedKeyPair(ObjectId id, KeyAlgorithm algorithm, PublicKey publicKey) {
}
