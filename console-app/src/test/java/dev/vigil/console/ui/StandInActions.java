package dev.vigil.console.ui;

import dev.vigil.console.manager.api.Role;
import dev.vigil.console.ui.model.FleetActions;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * {@link FleetActions} for window tests without a manager: each action is recorded as "name [args]"
 * and answered with a future that never completes; the questions the window asks at every menu
 * update (role, whether closing stops the manager, the managers it holds) are answered, not
 * recorded. Every {@code Optional} is empty, so a new query cannot come back as null.
 */
public final class StandInActions {
  private StandInActions() {}

  public static FleetActions recording(
      List<String> calls, Role role, BooleanSupplier stopsTheManager) {
    return (FleetActions)
        Proxy.newProxyInstance(
            FleetActions.class.getClassLoader(),
            new Class<?>[] {FleetActions.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "stopsTheManager" -> stopsTheManager.getAsBoolean();
                  case "role" -> role;
                  case "managers" -> Optional.empty();
                  default -> {
                    calls.add(method.getName() + (args == null ? "" : " " + List.of(args)));
                    Class<?> type = method.getReturnType();
                    yield type == CompletableFuture.class
                        ? new CompletableFuture<>()
                        : type == Optional.class
                            ? Optional.empty()
                            : type == String.class
                                ? "test"
                                : type == boolean.class ? Boolean.FALSE : null;
                  }
                });
  }
}
