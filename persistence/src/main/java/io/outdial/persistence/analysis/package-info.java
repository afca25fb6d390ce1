/**
 * Post-call analysis as a port ({@link io.outdial.persistence.analysis.CallAnalyses}) with a JDBC
 * adapter: the answered calls of campaigns with an agent waiting for their analysis, claimed by the
 * analysis worker, and their results written with a {@code call.analyzed} event.
 */
package io.outdial.persistence.analysis;
