package io.tributary.config.security;

/**
 * What a SCRAM server keeps of a password (RFC 5802): the salt, the iteration count, and the stored
 * and server keys derived from the salted password. The password itself cannot be recovered from it.
 */
public record ScramSecret(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    public ScramSecret {
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }
}
