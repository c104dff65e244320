package io.tributary.config.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.security.VhostPermissions.Operation;
import org.junit.jupiter.api.Test;

class VhostPermissionsTest {
    @Test
    void anExpressionGrantsWhatItMatchesAnywhereAsRabbitMqsReRun() {
        VhostPermissions p = new VhostPermissions("^app\\.", "^(app\\..*|amq\\.default)$", "");
        assertThat(p.allows(Operation.CONFIGURE, "app.q")).isTrue();
        assertThat(p.allows(Operation.CONFIGURE, "my.app.q")).isFalse();
        assertThat(p.allows(Operation.WRITE, "amq.default")).isTrue();
        assertThat(p.allows(Operation.WRITE, "amq.defaults")).isFalse();
        assertThat(p.allows(Operation.READ, "app.q")).isFalse();
        assertThat(new VhostPermissions("q", "", "").allows(Operation.CONFIGURE, "any-q-here")).isTrue();
    }
}
