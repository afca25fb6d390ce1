package io.outdial.core.dialing;

/** Something that sits in at most one {@link IndexedHeap} and knows where, for O(log n) removal. */
abstract class HeapNode {
  /** Position in the heap's array, or -1 when not in a heap. */
  int heapIndex = -1;

  final boolean inHeap() {
    return heapIndex >= 0;
  }
}
