package dev.vigil.console.manager.notify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A channel for tests that keeps what it was given, and refuses it while told to. */
final class RecordingChannel implements Channel {
  private final String name;
  final List<Message> delivered = new CopyOnWriteArrayList<>();
  final List<Long> attempts = new CopyOnWriteArrayList<>();

  /** While set, every delivery fails with this sentence. */
  final AtomicReference<String> failing = new AtomicReference<>();

  RecordingChannel(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public String describe() {
    return "a test channel";
  }

  @Override
  public void deliver(Message message) throws DeliveryException {
    attempts.add(message.id());
    String why = failing.get();
    if (why != null) {
      throw new DeliveryException(why, false);
    }
    delivered.add(message);
  }

  /** Every notice delivered, as "transition rule" lines. */
  List<String> told() {
    return delivered.stream()
        .flatMap(m -> m.notices().stream())
        .map(n -> n.transition() + " " + n.problem().rule())
        .toList();
  }
}
