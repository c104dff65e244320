package io.tributary.server.testing;

import io.tributary.config.BrokerConfig;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One broker for a whole test class:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final BrokerExtension BROKER = new BrokerExtension();
 * ... BROKER.get().kafkaBootstrap() ...
 * </pre>
 */
public final class BrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<BrokerConfig.Builder> customize;
    private TributaryBroker broker;

    public BrokerExtension() {
        this(b -> b);
    }

    public BrokerExtension(UnaryOperator<BrokerConfig.Builder> customize) {
        this.customize = customize;
    }

    public TributaryBroker get() {
        return broker;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = TributaryBroker.start(customize);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
        }
    }
}
