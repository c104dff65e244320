package io.tributary.server;

/**
 * The broker's single-use lifecycle.
 *
 * <pre>
 * NEW ──start()──▶ STARTING ──▶ STARTED ──shutdown()──▶ STOPPING ──▶ STOPPED
 *                     │                                    ▲
 *                     └──────── start-up failure ──────────┘
 * </pre>
 */
public enum BrokerState {
    NEW, STARTING, STARTED, STOPPING, STOPPED
}
