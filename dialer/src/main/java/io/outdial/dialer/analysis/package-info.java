/**
 * Post-call analysis: after a person answered a campaign's agent, the agent's analysis plan (a
 * summary, structured data fields, a success evaluation) is run over the call's transcript by the
 * configured language model or, with the scripted agent, a deterministic extractor. The {@link
 * io.outdial.dialer.analysis.AnalysisWorker} does it apart from dialing, from calls the outcome
 * marked pending in the database.
 */
package io.outdial.dialer.analysis;
