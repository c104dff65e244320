package io.tributary.queues.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random command logs, as a Raft group would apply them: two members applying the same log compute
 * the same effects (determinism), a message is held by at most one consumer at a time and never past
 * its prefetch, and every message enqueued is accounted for — waiting, held, settled or
 * dead-lettered once — whatever the order of publishes, acks, requeues, cancels and node deaths, and
 * whatever the length limits (an enqueue that drops the head leaves the queue within them) and TTLs
 * (an expire leaves no expired message at the head).
 */
class QuorumQueueMachinePropertyTest {
    private static final List<String> CONSUMERS = List.of("n0-a", "n0-b", "n1-a", "n2-a", "n1-get", "n2-get");

    @Property(tries = 300)
    void membersApplyingTheSameLogAgreeAndNothingIsLostOrHeldTwice(@ForAll("logs") @Size(max = 200) List<Step> log,
            @ForAll boolean singleActive, @ForAll("limits") QuorumLimits limits) {
        QuorumQueueMachine one = new QuorumQueueMachine(3, singleActive, limits);
        QuorumQueueMachine other = new QuorumQueueMachine(3, singleActive, limits);
        Map<Long, String> holder = new HashMap<>();
        Set<Long> gone = new HashSet<>();
        long enqueued = 0;
        for (Step step : log) {
            QuorumCommand c = step.toCommand(holder);
            if (c instanceof QuorumCommand.Enqueue) {
                enqueued++;
            }
            if (c instanceof QuorumCommand.Settle s) {
                s.ids().forEach(id -> {
                    if (s.consumer().equals(holder.get(id))) {
                        gone.add(id);
                    }
                });
            }
            List<QuorumEffect> effects = one.apply(c);
            assertThat(other.apply(c)).isEqualTo(effects);
            for (QuorumEffect e : effects) {
                if (e instanceof QuorumEffect.Deliver d) {
                    assertThat(gone).doesNotContain(d.id());
                    holder.put(d.id(), d.consumer());
                } else if (e instanceof QuorumEffect.Dequeued dq && dq.id() >= 0) {
                    assertThat(gone).doesNotContain(dq.id());
                    assertThat(holder).doesNotContainKey(dq.id());
                    if (((QuorumCommand.Dequeue) c).settled()) {
                        gone.add(dq.id());
                    } else {
                        holder.put(dq.id(), dq.consumer());
                    }
                } else if (e instanceof QuorumEffect.DeadLetter dl) {
                    assertThat(gone.add(dl.id())).as("dead-lettered once: %d", dl.id()).isTrue();
                } else if (e instanceof QuorumEffect.Refused) {
                    enqueued--; // a full queue that rejects publishes never took it
                } else if (e instanceof QuorumEffect.Purged) {
                    for (long id = 0; id < enqueued; id++) {
                        if (!one.contains(id)) {
                            gone.add(id);
                        }
                    }
                }
            }
            // what the machine says each consumer holds is what it was handed and has not given back
            Map<String, List<Long>> held = one.unsettledByConsumer();
            Set<Long> seen = new HashSet<>();
            held.forEach((consumer, ids) -> ids.forEach(id -> {
                assertThat(seen.add(id)).as("message %d held twice", id).isTrue();
                assertThat(holder.get(id)).isEqualTo(consumer);
            }));
            holder.keySet().removeIf(id -> !seen.contains(id));
            if (c instanceof QuorumCommand.Expire x) {
                assertThat(one.headExpiresAt()).as("an expire leaves no expired message at the head").isGreaterThan(x.now());
            }
            if (c instanceof QuorumCommand.Enqueue && !limits.rejectPublish()) {
                // drop-head: an enqueue leaves the queue within its limits
                assertThat(limits.over(one.readyCount(), one.readyBytes())).as("over the limits after an enqueue").isFalse();
            }
            long waiting = one.readyCount();
            assertThat(waiting + one.unsettledCount() + gone.size()).as("every enqueued message accounted for").isEqualTo(enqueued);
        }
    }

    @Property(tries = 200)
    void aMemberThatInstallsASnapshotGoesOnAsOneThatAppliedTheWholeLog(@ForAll("logs") @Size(max = 150) List<Step> log,
            @ForAll("logs") @Size(max = 150) List<Step> rest, @ForAll boolean singleActive, @ForAll("limits") QuorumLimits limits) {
        QuorumQueueMachine whole = new QuorumQueueMachine(3, singleActive, limits);
        Map<Long, String> holder = new HashMap<>();
        for (Step step : log) {
            track(whole.apply(step.toCommand(holder)), holder);
        }
        QuorumQueueMachine installed = QuorumQueueMachine.restore(whole.snapshot());
        assertThat(installed.snapshot()).isEqualTo(whole.snapshot());
        for (Step step : rest) {
            QuorumCommand c = step.toCommand(holder);
            List<QuorumEffect> effects = whole.apply(c);
            assertThat(installed.apply(c)).isEqualTo(effects);
            track(effects, holder);
        }
        assertThat(installed.snapshot()).isEqualTo(whole.snapshot());
    }

    private static void track(List<QuorumEffect> effects, Map<Long, String> holder) {
        for (QuorumEffect e : effects) {
            if (e instanceof QuorumEffect.Deliver d) {
                holder.put(d.id(), d.consumer());
            } else if (e instanceof QuorumEffect.Dequeued dq && dq.id() >= 0) {
                holder.put(dq.id(), dq.consumer());
            }
        }
    }

    /** One step of a random log; acks and requeues name messages the consumer holds (or held: stale commands too). */
    record Step(int kind, int consumer, int pick) {
        QuorumCommand toCommand(Map<Long, String> holder) {
            String c = CONSUMERS.get(consumer);
            List<Long> mine = new ArrayList<>();
            holder.forEach((id, h) -> {
                if (h.equals(c)) {
                    mine.add(id);
                }
            });
            mine.sort(null);
            List<Long> some = mine.isEmpty() ? List.of((long) pick) : List.of(mine.get(pick % mine.size()));
            return switch (kind) {
                case 0, 1 -> new QuorumCommand.Enqueue("m", pick % 4);
                case 2 -> new QuorumCommand.Enqueue("m", pick % 4, pick); // expires at "time" pick
                case 15 -> new QuorumCommand.Expire(pick);
                case 3 -> new QuorumCommand.Checkout(c, Integer.parseInt(c.substring(1, 2)), pick % 3);
                case 4, 5 -> new QuorumCommand.Settle(c, some);
                case 6 -> new QuorumCommand.Return(c, some);
                case 7 -> new QuorumCommand.Discard(c, some);
                case 8 -> new QuorumCommand.Cancel(c);
                case 9 -> new QuorumCommand.NodeDown(pick % 3);
                case 14 -> new QuorumCommand.Stop(c);
                case 13 -> new QuorumCommand.DeadLettered(List.of((long) pick));
                case 11, 12 -> new QuorumCommand.Dequeue(c, Integer.parseInt(c.substring(1, 2)), kind == 12);
                default -> new QuorumCommand.Purge();
            };
        }
    }

    @Provide
    Arbitrary<List<Step>> logs() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 15), Arbitraries.integers().between(0, CONSUMERS.size() - 1),
                Arbitraries.integers().between(0, 20)).as(Step::new);
        return step.list();
    }

    /** No limits, a message count, a byte count, or both; dropping the head or refusing publishes. */
    @Provide
    Arbitrary<QuorumLimits> limits() {
        return Combinators.combine(Arbitraries.longs().between(-1, 4), Arbitraries.longs().between(-1, 8), Arbitraries.of(false, true))
                .as(QuorumLimits::new);
    }
}
