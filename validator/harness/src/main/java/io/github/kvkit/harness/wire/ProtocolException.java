package io.github.kvkit.harness.wire;

import java.io.IOException;

/** A frame that breaks the protocol: wrong magic, wrong nonce, unknown type, too long. */
public final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
