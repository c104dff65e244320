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
        switch (Method.key(classId, methodId)) {
            case 60 << 16 | 40: return BasicMethods.Publish.read(b);
            case 60 << 16 | 80: return BasicMethods.Ack.read(b);
            case 60 << 16 | 120: return BasicMethods.Nack.read(b, false);
            case 60 << 16 | 90: return BasicMethods.Nack.read(b, true);
            case 60 << 16 | 10: return BasicMethods.Qos.read(b);
            case 60 << 16 | 20: return BasicMethods.Consume.read(b);
            case 60 << 16 | 30: return BasicMethods.Cancel.read(b);
            case 60 << 16 | 70: return BasicMethods.Get.read(b);
            case 60 << 16 | 100: return new BasicMethods.Recover(true, Wire.readBits(b, 1)[0]);
            case 60 << 16 | 110: return new BasicMethods.Recover(false, Wire.readBits(b, 1)[0]);
            case 85 << 16 | 10: return new BasicMethods.ConfirmSelect(Wire.readBits(b, 1)[0]);
            case 90 << 16 | 10: return NoArgs.TX_SELECT;
            case 90 << 16 | 20: return NoArgs.TX_COMMIT;
            case 90 << 16 | 30: return NoArgs.TX_ROLLBACK;
            case 50 << 16 | 10: return QueueMethods.Declare.read(b);
            case 50 << 16 | 20: return QueueMethods.Bind.read(b, false);
            case 50 << 16 | 50: return QueueMethods.Bind.read(b, true);
            case 50 << 16 | 30: return QueueMethods.Purge.read(b);
            case 50 << 16 | 40: return QueueMethods.Delete.read(b);
            case 40 << 16 | 10: return ExchangeMethods.Declare.read(b);
            case 40 << 16 | 20: return ExchangeMethods.Delete.read(b);
            case 40 << 16 | 30: return ExchangeMethods.Bind.read(b, false);
            case 40 << 16 | 40: return ExchangeMethods.Bind.read(b, true);
            case 20 << 16 | 10: Wire.readShortStr(b); return new ChannelMethods.Open();
            case 20 << 16 | 20: return new ChannelMethods.Flow(Wire.readBits(b, 1)[0]);
            case 20 << 16 | 21: return new ChannelMethods.FlowOk(Wire.readBits(b, 1)[0]);
            case 20 << 16 | 40: return ChannelMethods.Close.read(b);
            case 20 << 16 | 41: return NoArgs.CHANNEL_CLOSE_OK;
            case 10 << 16 | 11: return ConnectionMethods.StartOk.read(b);
            case 10 << 16 | 21: return new ConnectionMethods.SecureOk(Wire.readLongStrBytes(b));
            case 10 << 16 | 31: return ConnectionMethods.TuneOk.read(b);
            case 10 << 16 | 40: return ConnectionMethods.Open.read(b);
            case 10 << 16 | 50: return ConnectionMethods.Close.read(b);
            case 10 << 16 | 51: return NoArgs.CONNECTION_CLOSE_OK;
            case 10 << 16 | 70: return new ConnectionMethods.UpdateSecret(Wire.readLongStrBytes(b), Wire.readShortStr(b));
            default:
                throw new UnknownMethodException(classId, methodId);
        }
    }
}
