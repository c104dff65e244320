/** Segmented append-only partition logs in Kafka's on-disk format (see ARCHITECTURE.md, "Storage on disk"). */
package io.tributary.logstore;
