/**
 * Agents: reusable voice-agent configurations (voice, prompt, greeting, voicemail, how the call
 * opens, the post-call analysis plan, the model) that campaigns refer to instead of carrying their
 * own texts. The records here validate what a client sends and name the offending field.
 */
package io.outdial.core.agent;
