package com.ukeybridge.pkcs11;

/** Object handles of a key pair just generated. */
public record KeyPairHandles(long publicKey, long privateKey) {
}
