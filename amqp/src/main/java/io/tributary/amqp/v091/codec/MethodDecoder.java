package io.tributary.amqp.v091.codec;

import io.netty.buffer.ByteBuf;

/** Decodes the methods a client may send, by class and method id. */
public final class MethodDecoder {
    private MethodDecoder() {
    }

    /**
     * @throws UnknownMethodException for ids the protocol does not define for clients
     * @throws MalformedFrameException for arguments that do not parse
     */
    public static Method decode(int classId, int methodId, ByteBuf b) {
        Method m;
        switch (classId) {
            case BasicMethods.CLASS: m = basic(methodId, b); break;
            case QueueMethods.CLASS: m = queue(methodId, b); break;
            case ExchangeMethods.CLASS: m = exchange(methodId, b); break;
            case ChannelMethods.CLASS: m = channel(methodId, b); break;
            case ConnectionMethods.CLASS: m = connection(methodId, b); break;
            case 85: m = methodId == 10 ? new BasicMethods.ConfirmSelect(Wire.readBits(b, 1)[0]) : null; break;
            case 90: m = tx(methodId); break;
            default: m = null;
        }
        if (m == null) {
            throw new UnknownMethodException(classId, methodId);
        }
        return m;
    }

    private static Method basic(int methodId, ByteBuf b) {
        switch (methodId) {
            case 40: return BasicMethods.Publish.read(b);
            case 80: return BasicMethods.Ack.read(b);
            case 120: return BasicMethods.Nack.read(b, false);
            case 90: return BasicMethods.Nack.read(b, true);
            case 10: return BasicMethods.Qos.read(b);
            case 20: return BasicMethods.Consume.read(b);
            case 30: return BasicMethods.Cancel.read(b);
            case 70: return BasicMethods.Get.read(b);
            case 100: return new BasicMethods.Recover(true, Wire.readBits(b, 1)[0]);
            case 110: return new BasicMethods.Recover(false, Wire.readBits(b, 1)[0]);
            default: return null;
        }
    }

    private static Method queue(int methodId, ByteBuf b) {
        switch (methodId) {
            case 10: return QueueMethods.Declare.read(b);
            case 20: return QueueMethods.Bind.read(b, false);
            case 50: return QueueMethods.Bind.read(b, true);
            case 30: return QueueMethods.Purge.read(b);
            case 40: return QueueMethods.Delete.read(b);
            default: return null;
        }
    }

    private static Method exchange(int methodId, ByteBuf b) {
        switch (methodId) {
            case 10: return ExchangeMethods.Declare.read(b);
            case 20: return ExchangeMethods.Delete.read(b);
            case 30: return ExchangeMethods.Bind.read(b, false);
            case 40: return ExchangeMethods.Bind.read(b, true);
            default: return null;
        }
    }

    private static Method channel(int methodId, ByteBuf b) {
        switch (methodId) {
            case 10: Wire.readShortStr(b); return new ChannelMethods.Open();
            case 20: return new ChannelMethods.Flow(Wire.readBits(b, 1)[0]);
            case 21: return new ChannelMethods.FlowOk(Wire.readBits(b, 1)[0]);
            case 40: return ChannelMethods.Close.read(b);
            case 41: return NoArgs.CHANNEL_CLOSE_OK;
            default: return null;
        }
    }

    private static Method connection(int methodId, ByteBuf b) {
        switch (methodId) {
            case 11: return ConnectionMethods.StartOk.read(b);
            case 21: return new ConnectionMethods.SecureOk(Wire.readLongStrBytes(b));
            case 31: return ConnectionMethods.TuneOk.read(b);
            case 40: return ConnectionMethods.Open.read(b);
            case 50: return ConnectionMethods.Close.read(b);
            case 51: return NoArgs.CONNECTION_CLOSE_OK;
            case 70: return new ConnectionMethods.UpdateSecret(Wire.readLongStrBytes(b), Wire.readShortStr(b));
            default: return null;
        }
    }

    private static Method tx(int methodId) {
        switch (methodId) {
            case 10: return NoArgs.TX_SELECT;
            case 20: return NoArgs.TX_COMMIT;
            case 30: return NoArgs.TX_ROLLBACK;
            default: return null;
        }
    }
}
