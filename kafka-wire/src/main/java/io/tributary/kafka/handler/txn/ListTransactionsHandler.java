package io.tributary.kafka.handler.txn;

import io.tributary.kafka.handler.RequestContext;
import io.tributary.kafka.handler.RequestHandler;
import io.tributary.kafka.txn.TransactionCoordinator;
import io.tributary.kafka.txn.TransactionSnapshot;
import io.tributary.kafka.txn.TxnState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.message.ListTransactionsRequestData;
import org.apache.kafka.common.message.ListTransactionsResponseData;
import org.apache.kafka.common.message.ListTransactionsResponseData.TransactionState;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ListTransactionsRequest;

/**
 * ListTransactions with Kafka's filters: states (unknown names are echoed back), producer ids,
 * minimum running time (v1+), transactional id pattern (v2+).
 */
public final class ListTransactionsHandler implements RequestHandler<ListTransactionsRequest> {
    private final TransactionCoordinator coordinator;
    private final LongSupplier clock;

    public ListTransactionsHandler(TransactionCoordinator coordinator, LongSupplier clock) {
        this.coordinator = coordinator;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<ListTransactionsResponseData> handle(RequestContext context, ListTransactionsRequest request) {
        ListTransactionsRequestData d = request.data();
        if (!coordinator.isLoaded()) {
            return CompletableFuture.completedFuture(new ListTransactionsResponseData().setErrorCode(Errors.COORDINATOR_LOAD_IN_PROGRESS.code()));
        }
        Set<TxnState> states = EnumSet.noneOf(TxnState.class);
        List<String> unknown = new ArrayList<>();
        for (String name : d.stateFilters()) {
            TxnState s = TxnState.fromKafkaName(name);
            if (s == null) {
                unknown.add(name);
            } else {
                states.add(s);
            }
        }
        Pattern pattern;
        try {
            pattern = d.transactionalIdPattern() == null || d.transactionalIdPattern().isEmpty() ? null
                    : Pattern.compile(d.transactionalIdPattern());
        } catch (PatternSyntaxException e) {
            return CompletableFuture.completedFuture(new ListTransactionsResponseData().setErrorCode(Errors.INVALID_REGULAR_EXPRESSION.code()));
        }
        Set<Long> pids = new HashSet<>(d.producerIdFilters());
        long now = clock.getAsLong();
        return coordinator.list(s -> (states.isEmpty() || states.contains(s.state())) && (pids.isEmpty() || pids.contains(s.producerId()))
                && (d.durationFilter() < 0 || (s.startMs() >= 0 && now - s.startMs() >= d.durationFilter()))
                && (pattern == null || pattern.matcher(s.transactionalId()).matches()))
                .thenApply(found -> {
                    ListTransactionsResponseData r = new ListTransactionsResponseData().setUnknownStateFilters(unknown);
                    for (TransactionSnapshot s : found) {
                        r.transactionStates().add(new TransactionState().setTransactionalId(s.transactionalId())
                                .setProducerId(s.producerId()).setTransactionState(s.state().kafkaName()));
                    }
                    return r;
                });
    }
}
