package io.outdial.persistence.campaign;

import java.util.List;

/** One page of a longer list, with the length of the whole list. */
public record Page<T>(List<T> items, long total) {
  public Page {
    items = List.copyOf(items);
  }
}
