package dev.vigil.protocol;

/** Constants both peers agree on. */
public final class Protocol {
  /** The protocol version this build speaks. */
  public static final int VERSION = 1;

  /** The largest frame body either side accepts, in bytes (1 MiB). */
  public static final int MAX_FRAME_BYTES = 1 << 20;

  /**
   * The largest frame body a console accepts from a session it has not admitted yet (hello, and
   * whatever a pending agent sends), in bytes (8 KiB): a stranger's frames cost little to refuse.
   */
  public static final int MAX_UNADMITTED_FRAME_BYTES = 8 * 1024;

  /** The default heartbeat interval in seconds. */
  public static final int DEFAULT_HEARTBEAT_SECONDS = 5;

  /** The default TCP port of the console. */
  public static final int DEFAULT_TCP_PORT = 7470;

  /** The default UDP port of the console's alert listener. */
  public static final int DEFAULT_UDP_PORT = 7471;

  private Protocol() {}
}
