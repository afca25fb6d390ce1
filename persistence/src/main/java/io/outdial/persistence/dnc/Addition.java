package io.outdial.persistence.dnc;

/** What {@link DoNotCallList#add} did. */
public sealed interface Addition {
  /** The entry as it is on the list. */
  DoNotCallEntry entry();

  /** The number was not listed: this is its new entry. */
  record Added(DoNotCallEntry entry) implements Addition {}

  /** The number was listed already: its entry is unchanged (source, time and reason kept). */
  record AlreadyListed(DoNotCallEntry entry) implements Addition {}
}
