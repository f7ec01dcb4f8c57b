package dev.vigil.console.manager.api;

/** A listener's registration with the manager; closing it stops the events. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
