package dev.vigil.console.manager.history;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Closed minutes waiting for the store: added as they close, taken by the minute flush, put back
 * when the store could not take them. Thread-safe.
 */
final class PendingRows<T> {
  private final ReentrantLock lock = new ReentrantLock();
  private List<T> rows = new ArrayList<>();

  void add(T row) {
    lock.lock();
    try {
      rows.add(row);
    } finally {
      lock.unlock();
    }
  }

  /** Every row added since the last take. */
  List<T> take() {
    lock.lock();
    try {
      List<T> done = rows;
      rows = new ArrayList<>();
      return done;
    } finally {
      lock.unlock();
    }
  }

  /** Puts back rows a flush could not store, before those added since. */
  void putBack(List<T> failed) {
    lock.lock();
    try {
      List<T> again = new ArrayList<>(failed);
      again.addAll(rows);
      rows = again;
    } finally {
      lock.unlock();
    }
  }
}
