package io.tributary.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.amqp.auth.AuthenticationException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class GuestAuthenticatorTest {
    private final GuestAuthenticator auth = new GuestAuthenticator();

    @Test
    void guestOnlyFromLoopback() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5000);
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 1, 2, 3}), 5000);
        assertThat(auth.authenticate("guest", "guest", loopback)).isEqualTo("guest");
        assertThatThrownBy(() -> auth.authenticate("guest", "guest", remote)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("only connect via localhost");
        assertThatThrownBy(() -> auth.authenticate("guest", "x", loopback)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> auth.authenticate("admin", "guest", loopback)).isInstanceOf(AuthenticationException.class);
    }
}
