package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;

/** A method without arguments (most {@code -ok} replies, {@code tx.*}, {@code close-ok}). */
public record NoArgs(int classId, int methodId, String name) implements Method {
    public static final NoArgs CONNECTION_CLOSE_OK = new NoArgs(10, 51, "connection.close-ok");
    public static final NoArgs CONNECTION_UNBLOCKED = new NoArgs(10, 61, "connection.unblocked");
    public static final NoArgs CONNECTION_UPDATE_SECRET_OK = new NoArgs(10, 71, "connection.update-secret-ok");
    public static final NoArgs CHANNEL_CLOSE_OK = new NoArgs(20, 41, "channel.close-ok");
    public static final NoArgs EXCHANGE_DECLARE_OK = new NoArgs(40, 11, "exchange.declare-ok");
    public static final NoArgs EXCHANGE_DELETE_OK = new NoArgs(40, 21, "exchange.delete-ok");
    public static final NoArgs EXCHANGE_BIND_OK = new NoArgs(40, 31, "exchange.bind-ok");
    public static final NoArgs EXCHANGE_UNBIND_OK = new NoArgs(40, 51, "exchange.unbind-ok");
    public static final NoArgs QUEUE_BIND_OK = new NoArgs(50, 21, "queue.bind-ok");
    public static final NoArgs QUEUE_UNBIND_OK = new NoArgs(50, 51, "queue.unbind-ok");
    public static final NoArgs BASIC_QOS_OK = new NoArgs(60, 11, "basic.qos-ok");
    public static final NoArgs BASIC_RECOVER_OK = new NoArgs(60, 111, "basic.recover-ok");
    public static final NoArgs CONFIRM_SELECT_OK = new NoArgs(85, 11, "confirm.select-ok");
    public static final NoArgs TX_SELECT = new NoArgs(90, 10, "tx.select");
    public static final NoArgs TX_SELECT_OK = new NoArgs(90, 11, "tx.select-ok");
    public static final NoArgs TX_COMMIT = new NoArgs(90, 20, "tx.commit");
    public static final NoArgs TX_COMMIT_OK = new NoArgs(90, 21, "tx.commit-ok");
    public static final NoArgs TX_ROLLBACK = new NoArgs(90, 30, "tx.rollback");
    public static final NoArgs TX_ROLLBACK_OK = new NoArgs(90, 31, "tx.rollback-ok");

    @Override
    public void writeArguments(ByteBuf out) {
    }
}
