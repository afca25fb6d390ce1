package io.outdial.rest.contact;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands batches from the thread that reads and checks an upload's rows to the thread that stores
 * them, so that the next rows are parsed while the database inserts the previous ones. At most
 * {@link #CAPACITY} batches wait in between, so memory stays bounded whatever the file's size; the
 * reader blocks when the writer is behind. The reader ends with {@link #end} or {@link #fail}; the
 * writer that gives up calls {@link #stop}, after which the reader's next hand-over throws {@link
 * Stopped}.
 */
final class ReadAhead implements ContactBatcher.Sink {
  static final int CAPACITY = 2;

  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
  private volatile boolean stopped;

  /** The reader failed: what it threw, for the writer to throw. */
  private record Failed(Throwable cause) {}

  /** Thrown on the reader's thread once the writer has stopped: the rows are no longer wanted. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("the upload's writer stopped", null, false, false);
    }
  }

  @Override
  public void accept(ContactBatcher.Batch batch) {
    put(batch);
  }

  /** The reader read every row (after its last batch). */
  void end() {
    put(END);
  }

  /** The reader failed with {@code cause}: the writer throws it after the batches before it. */
  void fail(Throwable cause) {
    put(new Failed(cause));
  }

  private void put(Object item) {
    try {
      do {
        if (stopped) {
          throw new Stopped();
        }
      } while (!queue.offer(item, 100, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    }
  }

  /**
   * Gives every batch to {@code writer}, in order, until the reader ends; throws what the reader
   * threw, once the batches read before the failure are stored.
   */
  void drainInto(ContactBatcher.Sink writer) throws IOException, InterruptedException {
    while (true) {
      Object item = queue.take();
      if (item == END) {
        return;
      }
      if (item instanceof Failed failed) {
        switch (failed.cause()) {
          case IOException e -> throw e;
          case RuntimeException e -> throw e;
          case Error e -> throw e;
          default -> throw new IllegalStateException("Reading the upload failed", failed.cause());
        }
      }
      writer.accept((ContactBatcher.Batch) item);
    }
  }

  /**
   * The writer is done or gave up: the reader stops at its next hand-over, or within 100 ms if it
   * waits for room in the queue (which is left full, so that it reads nothing more).
   */
  void stop() {
    stopped = true;
  }
}
