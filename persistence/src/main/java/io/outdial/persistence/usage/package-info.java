/** A client's monthly usage: calls, minutes, human answers, voicemails, and campaigns created. */
package io.outdial.persistence.usage;
