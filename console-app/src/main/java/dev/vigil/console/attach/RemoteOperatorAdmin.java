package dev.vigil.console.attach;

import static dev.vigil.console.attach.RemoteCalls.args;

import com.google.gson.reflect.TypeToken;
import dev.vigil.console.manager.api.Invitation;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorAccount;
import dev.vigil.console.manager.api.OperatorAdmin;
import dev.vigil.console.manager.api.PendingInvitation;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.api.wire.ApiCall;
import java.time.Duration;
import java.util.List;

/**
 * The managing of operators on a manager elsewhere: offered whatever this console's role, since the
 * manager decides, and a refusal carries its sentence.
 */
final class RemoteOperatorAdmin implements OperatorAdmin {
  private final RemoteCalls calls;

  RemoteOperatorAdmin(RemoteCalls calls) {
    this.calls = calls;
  }

  @Override
  public List<OperatorAccount> operators() {
    return calls.call(
        ApiCall.OPERATORS, args(), new TypeToken<List<OperatorAccount>>() {}.getType());
  }

  @Override
  public List<PendingInvitation> invitations() {
    return calls.call(
        ApiCall.INVITATIONS, args(), new TypeToken<List<PendingInvitation>>() {}.getType());
  }

  @Override
  public Invitation invite(Operator who, String name, Role newRole, Duration validFor) {
    return calls.call(
        ApiCall.INVITE,
        args("name", name, "role", newRole, "validFor", validFor),
        Invitation.class);
  }

  @Override
  public boolean remove(Operator who, String name) {
    return calls.call(ApiCall.REMOVE_OPERATOR, args("name", name), Boolean.class);
  }
}
