package dev.vigil.console.ui.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.ui.model.AgentRow;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.protocol.message.StatsReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The enable rules of the one action list, on rows from a real model; no toolkit needed. */
class AgentActionTest {
  private final FleetModel model = new FleetModel();

  private AgentRow row(String id, AgentStatus status, String... allowed) {
    model.agentChanged(
        new AgentSnapshot(
            id,
            "host-" + id,
            "Linux",
            "10.0.0." + id.length(),
            status,
            List.of(allowed),
            new StatsReport(1, 5, 1L << 30, 4L << 30, 100),
            1000,
            "SHA256:test"));
    model.drain();
    return model.row(id).orElseThrow();
  }

  private static String label(AgentAction action, List<AgentRow> selection) {
    return action.availability(selection).label(action.text(selection));
  }

  @Test
  void aCommandIsOfferedOnlyWhereEveryTargetIsApprovedConnectedAndAllowsIt() {
    AgentRow web = row("web", AgentStatus.ONLINE, "restart", "refresh");
    AgentRow db = row("db", AgentStatus.OFFLINE, "restart", "refresh");
    AgentRow lab = row("lab", AgentStatus.PENDING, "restart");

    assertThat(AgentAction.RESTART.availability(List.of(web)).enabled()).isTrue();
    assertThat(label(AgentAction.RESTART, List.of(web))).isEqualTo("Restart…");
    assertThat(label(AgentAction.SHUTDOWN, List.of(web)))
        .isEqualTo("Shut down… (not allowed by the agent's config)");
    assertThat(label(AgentAction.RESTART, List.of(web, db)))
        .isEqualTo("Restart 2 machines… (agent offline)");
    assertThat(label(AgentAction.REFRESH, List.of(web, lab)))
        .isEqualTo("Refresh now (agent not approved)");
    assertThat(label(AgentAction.RESTART, List.of())).isEqualTo("Restart… (one agent at a time)");
  }

  @Test
  void processesAndKillTakeExactlyOneAgent() {
    AgentRow web = row("web", AgentStatus.ONLINE, "processes", "kill");
    AgentRow app = row("app", AgentStatus.STALE, "processes", "kill");
    assertThat(label(AgentAction.PROCESSES, List.of(app))).isEqualTo("Processes…");
    assertThat(label(AgentAction.KILL, List.of(web, app)))
        .isEqualTo("Kill process… (one agent at a time)");
  }

  @Test
  void trustAndClipboardActionsFollowTheSelectionWithoutAReasonInTheirText() {
    AgentRow web = row("web", AgentStatus.ONLINE);
    AgentRow lab = row("lab", AgentStatus.PENDING);
    AgentRow old = row("old", AgentStatus.REJECTED);

    assertThat(AgentAction.APPROVE.availability(List.of(web)).enabled()).isFalse();
    assertThat(AgentAction.APPROVE.availability(List.of(web, lab)).enabled()).isTrue();
    assertThat(AgentAction.REJECT.availability(List.of(old)).enabled()).isFalse();
    // #17: Reject was offered on an approved, online agent
    assertThat(AgentAction.REJECT.availability(List.of(web)).enabled()).isFalse();
    assertThat(AgentAction.REJECT.availability(List.of(old, web)).enabled()).isFalse();
    assertThat(AgentAction.REJECT.availability(List.of(lab, web)).enabled()).isTrue();
    assertThat(AgentAction.FORGET.availability(List.of()).enabled()).isFalse();
    assertThat(AgentAction.COPY_ADDRESS.availability(List.of(web)).enabled()).isTrue();
    assertThat(label(AgentAction.APPROVE, List.of(web))).isEqualTo("Approve");
  }

  @Test
  void everyActionHasItsOwnIdAndTheGroupsStayTogether() {
    assertThat(List.of(AgentAction.values()).stream().map(AgentAction::id).distinct())
        .hasSize(AgentAction.values().length);
    AgentAction.Group previous = null;
    List<AgentAction.Group> seen = new java.util.ArrayList<>();
    for (AgentAction a : AgentAction.values()) {
      if (a.group() != previous) {
        assertThat(seen).doesNotContain(a.group());
        seen.add(a.group());
        previous = a.group();
      }
    }
  }

  @Test
  void anAttachedConsoleOffersOnlyWhatItsOperatorsRoleIncludes() {
    AgentRow web = row("web", AgentStatus.ONLINE, "restart");
    AgentRow lab = row("lab", AgentStatus.PENDING, "restart");

    assertThat(AgentAction.RESTART.availability(List.of(web), Role.VIEWER))
        .isEqualTo(Availability.no("needs the operator role"));
    assertThat(AgentAction.RESTART.availability(List.of(web), Role.OPERATOR).enabled()).isTrue();
    assertThat(AgentAction.APPROVE.availability(List.of(lab), Role.OPERATOR))
        .isEqualTo(Availability.no("needs the admin role"));
    assertThat(AgentAction.APPROVE.availability(List.of(lab), Role.ADMIN).enabled()).isTrue();
    assertThat(AgentAction.COPY_ADDRESS.availability(List.of(web), Role.VIEWER).enabled()).isTrue();
  }

  private AgentRow servicing(String id, AgentStatus status, List<String> units) {
    model.agentChanged(
        new AgentSnapshot(
            id,
            "host-" + id,
            "Linux",
            "10.0.0.9",
            status,
            units.isEmpty() ? List.of("refresh") : List.of("restart-service", "refresh"),
            new StatsReport(1, 5, 1L << 30, 4L << 30, 100),
            1000,
            "SHA256:test",
            List.of(),
            List.of("web"),
            units));
    model.drain();
    return model.row(id).orElseThrow();
  }

  @Test
  void restartServiceOffersTheUnitsEverySelectedAgentAllowsAndSaysWhyNot() {
    AgentRow web =
        servicing("web", AgentStatus.ONLINE, List.of("nginx.service", "php-fpm.service"));
    AgentRow app = servicing("app", AgentStatus.ONLINE, List.of("nginx.service"));
    AgentRow db = servicing("db", AgentStatus.ONLINE, List.of());
    AgentRow gone = servicing("gone", AgentStatus.OFFLINE, List.of("nginx.service"));
    AgentRow other = servicing("other", AgentStatus.ONLINE, List.of("redis.service"));

    assertThat(AgentAction.commonServices(List.of(web)))
        .containsExactly("nginx.service", "php-fpm.service");
    assertThat(AgentAction.commonServices(List.of(web, app))).containsExactly("nginx.service");
    assertThat(label(AgentAction.RESTART_SERVICE, List.of(web))).isEqualTo("Restart service…");
    assertThat(label(AgentAction.RESTART_SERVICE, List.of(web, app)))
        .isEqualTo("Restart service on 2 machines…");
    assertThat(label(AgentAction.RESTART_SERVICE, List.of(db)))
        .isEqualTo("Restart service… (no service allowed in the agent's config)");
    assertThat(label(AgentAction.RESTART_SERVICE, List.of(gone)))
        .isEqualTo("Restart service… (agent offline)");
    assertThat(label(AgentAction.RESTART_SERVICE, List.of(web, other)))
        .isEqualTo("Restart service on 2 machines… (no service allowed on all of them)");
  }
}
