/**
 * JMH benchmarks of the {@code core} library beside their baselines (Bucket4j, {@code
 * java.util.PriorityQueue}); results and commands are written down in {@code BENCHMARKS.md}.
 */
package io.outdial.benchmarks;
