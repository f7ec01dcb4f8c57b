package dev.vigil.console.manager.api;

import java.time.Duration;
import java.util.List;

/**
 * Managing the operators who attach over the network: for admins. Thread-safe; every change is
 * audited with the operator who made it.
 */
public interface OperatorAdmin {
  /** What a face says when its manager has no operator channel, so no operators to manage. */
  String NO_CHANNEL = "This manager runs no operator channel: start it with --operator-port.";

  /** Every operator known by key, by name. */
  List<OperatorAccount> operators();

  /** The invitations not used yet and not expired, by name, without their tokens. */
  List<PendingInvitation> invitations();

  /**
   * Makes a single-use token that enrolls the next console attaching with it as {@code name} in
   * {@code role}.
   *
   * @throws IllegalArgumentException when the name is taken or not a plain name; the message says
   *     which
   */
  Invitation invite(Operator who, String name, Role role, Duration validFor);

  /**
   * Removes an operator, their sessions closing at once, and withdraws an invitation for that name
   * not used yet (its token then admits no one). False when there is neither.
   */
  boolean remove(Operator who, String name);
}
