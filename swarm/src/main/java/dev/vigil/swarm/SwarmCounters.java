package dev.vigil.swarm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What the whole swarm has done so far, for status lines and tests. Thread-safe. */
public final class SwarmCounters {
  final AtomicInteger online = new AtomicInteger();
  final AtomicInteger pending = new AtomicInteger();
  final LongAdder dials = new LongAdder();
  final LongAdder sessions = new LongAdder();
  final LongAdder failures = new LongAdder();
  final LongAdder statsSent = new LongAdder();
  final LongAdder alertsSent = new LongAdder();
  final LongAdder alertsAcked = new LongAdder();
  final LongAdder datagramsSent = new LongAdder();
  final LongAdder commandsAnswered = new LongAdder();

  /** Agents with an open, welcomed session right now. */
  public int online() {
    return online.get();
  }

  /** Agents the console holds as pending (no token, not approved yet). */
  public int pending() {
    return pending.get();
  }

  /** TCP connection attempts, first or again. */
  public long dials() {
    return dials.sum();
  }

  /** Sessions the console welcomed. */
  public long sessions() {
    return sessions.sum();
  }

  /** Dials or sessions that failed or ended. */
  public long failures() {
    return failures.sum();
  }

  /** Stats reports written. */
  public long statsSent() {
    return statsSent.sum();
  }

  /** Alerts sent over TCP (each also went out as a datagram when the console has a UDP port). */
  public long alertsSent() {
    return alertsSent.sum();
  }

  /** Acknowledgements received for alerts and command results. */
  public long acksReceived() {
    return alertsAcked.sum();
  }

  /** Alert datagrams sent. */
  public long datagramsSent() {
    return datagramsSent.sum();
  }

  /** Commands answered with a result. */
  public long commandsAnswered() {
    return commandsAnswered.sum();
  }

  /** One line for the operator. */
  public String line() {
    return String.format(
        "online %d, pending %d, dials %d, sessions %d, failures %d, stats %d, alerts %d (acks %d,"
            + " datagrams %d), commands answered %d",
        online(),
        pending(),
        dials(),
        sessions(),
        failures(),
        statsSent(),
        alertsSent(),
        acksReceived(),
        datagramsSent(),
        commandsAnswered());
  }
}
