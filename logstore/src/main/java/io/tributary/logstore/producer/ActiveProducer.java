package io.tributary.logstore.producer;

/**
 * One producer's state as DescribeProducers reports it.
 *
 * @param lastSequence sequence of its last record written, -1 when none
 * @param lastTimestamp max timestamp of its last batch
 * @param coordinatorEpoch epoch of the transaction coordinator that wrote its last marker, -1 when none
 * @param currentTxnStartOffset first offset of its open transaction, -1 when none
 */
public record ActiveProducer(long producerId, short producerEpoch, int lastSequence, long lastTimestamp, int coordinatorEpoch,
        long currentTxnStartOffset) {
}
