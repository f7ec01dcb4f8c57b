package dev.vigil.console.manager.fleet;

import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The manager's listeners; one faulty listener never stops the others or the network thread. */
public final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
  private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();

  /** Adds a listener; closing what this returns removes it. */
  public Subscription add(FleetListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Sends one event to every listener, in the order they were added. */
  public void fire(Consumer<FleetListener> event) {
    for (FleetListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        LOG.error("A fleet listener failed; it keeps receiving events", e);
      }
    }
  }
}
