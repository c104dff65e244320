package io.tributary.kafka;

/**
 * The broker's resource alarm as the Kafka layer sees it (memory or disk low): while raised,
 * Produce requests are held until it clears; Fetch goes on. Thread-safe.
 */
public interface PublishAlarm {
    PublishAlarm NEVER = new PublishAlarm() {
        @Override
        public boolean raised() {
            return false;
        }

        @Override
        public void whenCleared(Runnable action) {
            action.run();
        }
    };

    boolean raised();

    /** Runs {@code action} once the alarm is clear (at once when it already is), on any thread. */
    void whenCleared(Runnable action);
}
