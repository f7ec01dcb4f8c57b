package dev.vigil.console.manager.transport;

import java.util.concurrent.atomic.AtomicLong;

/** What the agent listener refused, closed as silent and dropped; shared by its parts. */
final class TransportCounters {
  final AtomicLong refused = new AtomicLong();
  final AtomicLong silent = new AtomicLong();
  final AtomicLong unapprovedFrames = new AtomicLong();
  final AtomicLong overCapacity = new AtomicLong();
}
