package io.outdial.core.dialing;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A binary min-heap whose nodes remember their index, so that removing or re-keying any node is
 * O(log n). {@link java.util.PriorityQueue} removes arbitrary elements in O(n).
 */
final class IndexedHeap<T extends HeapNode> {
  private final Comparator<? super T> order;
  private HeapNode[] nodes = new HeapNode[8];
  private int size;

  IndexedHeap(Comparator<? super T> order) {
    this.order = order;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  @SuppressWarnings("unchecked")
  T peek() {
    return size == 0 ? null : (T) nodes[0];
  }

  void add(T node) {
    if (node.heapIndex >= 0) {
      throw new IllegalStateException("already in a heap");
    }
    if (size == nodes.length) {
      nodes = Arrays.copyOf(nodes, size * 2);
    }
    node.heapIndex = size;
    nodes[size++] = node;
    siftUp(node.heapIndex);
  }

  void remove(T node) {
    int i = node.heapIndex;
    if (i < 0 || i >= size || nodes[i] != node) {
      throw new IllegalStateException("not in this heap");
    }
    node.heapIndex = -1;
    int last = --size;
    if (i != last) {
      HeapNode moved = nodes[last];
      nodes[i] = moved;
      moved.heapIndex = i;
      nodes[last] = null;
      if (!siftUp(i)) {
        siftDown(i);
      }
    } else {
      nodes[last] = null;
    }
  }

  /** Restores order after the node's key changed in either direction. */
  void update(T node) {
    int i = node.heapIndex;
    if (!siftUp(i)) {
      siftDown(i);
    }
  }

  @SuppressWarnings("unchecked")
  private int compare(int i, int j) {
    return order.compare((T) nodes[i], (T) nodes[j]);
  }

  private boolean siftUp(int i) {
    int start = i;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (compare(i, parent) >= 0) {
        break;
      }
      swap(i, parent);
      i = parent;
    }
    return i != start;
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int right = left + 1;
      int smallest = right < size && compare(right, left) < 0 ? right : left;
      if (compare(smallest, i) >= 0) {
        return;
      }
      swap(i, smallest);
      i = smallest;
    }
  }

  private void swap(int i, int j) {
    HeapNode a = nodes[i];
    HeapNode b = nodes[j];
    nodes[i] = b;
    b.heapIndex = i;
    nodes[j] = a;
    a.heapIndex = j;
  }
}
