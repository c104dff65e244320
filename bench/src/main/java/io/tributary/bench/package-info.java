/** JMH benchmarks; run them from bench/target/benchmarks.jar as bench/README.md shows. */
package io.tributary.bench;
