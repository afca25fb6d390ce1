package it.outdial.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that uses a server kept up from one class to the next ({@link
 * TestServer#dialing()}, {@link TestServer#callPair()}). Such a server stops when a class makes a
 * server of its own, so {@link ServerGroupOrder} runs the classes of one group one after another:
 * the server starts once per test run, not once per stretch of classes between two others.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ServerGroup {
  /** The classes on {@link TestServer#dialing()}. */
  String DIALING = "dialing";

  /** The classes on {@link TestServer#callPair()}. */
  String CALL_PAIR = "call-pair";

  String value();
}
