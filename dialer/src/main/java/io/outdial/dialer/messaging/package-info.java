/**
 * The messaging service-provider interface: how Outdial hands a text message (SMS) to a carrier.
 * Providers are found through {@link io.outdial.dialer.messaging.MessagingProviderFactory} and
 * ServiceLoader, like the telephony providers; the simulator ({@code sim}) is the default and the
 * SMPP adapter lives in the {@code messaging-smpp} module.
 */
package io.outdial.dialer.messaging;
