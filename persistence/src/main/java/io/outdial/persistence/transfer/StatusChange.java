package io.outdial.persistence.transfer;

/** What setting a human's status did. */
public sealed interface StatusChange {
  /** Set (or already so); the target as it now is. */
  record Changed(TargetRecord target) implements StatusChange {}

  /** The client has no such target. */
  record NotFound() implements StatusChange {}

  /** The target is a queue: its availability is its members'. */
  record NotAHuman() implements StatusChange {}
}
