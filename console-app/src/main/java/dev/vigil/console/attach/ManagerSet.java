package dev.vigil.console.attach;

import dev.vigil.common.Backoff;
import dev.vigil.common.HostPort;
import dev.vigil.common.LogText;
import dev.vigil.console.manager.api.Acknowledgement;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AgentView;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.ManagerLink;
import dev.vigil.console.manager.api.ManagerLinks;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.api.Subscription;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managers one window is attached to: each a {@link RemoteOperatorApi}, their agents, alerts
 * and problems side by side, each agent named with its manager, and every call taken to the manager
 * that holds its agent or alert. A manager that cannot be reached keeps its agents in view as
 * {@link AgentStatus#UNREACHABLE}, never as offline, and is attached again in the background.
 * {@link FleetApi} puts the operator API on top of it. Thread-safe.
 */
public final class ManagerSet implements ManagerLinks, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ManagerSet.class);

  /** The most managers one window holds: a manager's place lives in the top bits of ids. */
  static final int MAX_MANAGERS = 32;

  private static final int ID_SHIFT = 48;

  private final Path dataDir;
  private final String operatorName;
  private final RememberedManagers remembered;
  private final List<Member> members = new CopyOnWriteArrayList<>();
  private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();
  private final FanOut toListeners = new FanOut(listeners);
  private volatile boolean closed;

  /**
   * @param dataDir the attached console's own data directory (its key, pins and remembered list)
   * @param operatorName the name this console gives itself to a manager the first time
   */
  public ManagerSet(Path dataDir, String operatorName) {
    this.dataDir = dataDir;
    this.operatorName = operatorName;
    this.remembered = new RememberedManagers(dataDir);
  }

  /** One manager of the window, attached or waiting to be. */
  final class Member {
    final int place;
    final HostPort address;
    volatile RemoteOperatorApi api;
    volatile boolean attached;
    volatile String sentence = "attaching";
    private Subscription events;
    private Runnable states;

    Member(int place, HostPort address) {
      this.place = place;
      this.address = address;
    }

    String name() {
      return address.toString();
    }

    void use(RemoteOperatorApi attachedApi) {
      api = attachedApi;
      attached = true;
      sentence =
          "attached as " + attachedApi.operatorName() + " (" + attachedApi.role().word() + ")";
      events = attachedApi.subscribe(new Relay(this, listeners));
      states = attachedApi.onAttachment(this::attachment);
      attachedApi.agents().forEach(a -> tell(l -> l.agentChanged(mark(a))));
    }

    private void attachment(boolean now) {
      attached = now;
      RemoteOperatorApi a = api;
      if (a == null) {
        return;
      }
      sentence = now ? "attached as " + a.operatorName() : "unreachable: " + a.lastSentence();
      // The mirror says only what changed; after an outage every agent's state is news here.
      a.agents().forEach(agent -> tell(l -> l.agentChanged(mark(agent))));
    }

    /** An agent of this manager as the window shows it. */
    AgentSnapshot mark(AgentSnapshot a) {
      AgentSnapshot named = a.withManager(name());
      return attached ? named : named.withStatus(AgentStatus.UNREACHABLE);
    }

    void close() {
      if (events != null) {
        events.close();
      }
      if (states != null) {
        states.run();
      }
      RemoteOperatorApi a = api;
      if (a != null) {
        a.close();
      }
    }
  }

  // --- managers ----------------------------------------------------------------------------

  /**
   * Attaches to the first manager (as {@code console --connect} names it) and waits for it, then to
   * each remembered one in the background.
   *
   * @throws IOException with the sentence of the first manager's refusal or failure
   */
  public void start(HostPort first, String token, Fingerprint fingerprint) throws IOException {
    add(first, token, fingerprint);
    for (HostPort other : remembered.all()) {
      if (find(other.toString()).isEmpty() && members.size() < MAX_MANAGERS) {
        Member m = new Member(members.size(), other);
        members.add(m);
        Thread.ofVirtual().name("vigil-attach-" + other).start(() -> attachInBackground(m));
      }
    }
  }

  private Member add(HostPort address, String token, Fingerprint fingerprint) throws IOException {
    if (members.size() >= MAX_MANAGERS) {
      throw new IllegalArgumentException(
          "This window holds " + MAX_MANAGERS + " managers already: disconnect one first");
    }
    if (find(address.toString()).isPresent()) {
      throw new IllegalArgumentException("This window is attached to " + address + " already");
    }
    RemoteOperatorApi api =
        RemoteOperatorApi.attach(
            new RemoteOperatorApi.Target(address, dataDir, operatorName, token, fingerprint));
    Member m = new Member(members.size(), address);
    members.add(m);
    m.use(api);
    remembered.add(address);
    return m;
  }

  private void attachInBackground(Member m) {
    Backoff backoff = Backoff.reconnect(RandomGenerator.getDefault());
    while (!closed) {
      try {
        RemoteOperatorApi api =
            RemoteOperatorApi.attach(
                new RemoteOperatorApi.Target(m.address, dataDir, operatorName, null, null));
        if (closed) {
          api.close();
          return;
        }
        m.use(api);
        LOG.info("Attached to the remembered manager at {}", m.address);
        return;
      } catch (IOException e) {
        m.sentence = "unreachable: " + LogText.message(e);
        LOG.debug("Attaching to {} failed: {}", m.address, m.sentence);
      }
      try {
        Thread.sleep(backoff.next()); // the retry's pace, not synchronisation
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public List<ManagerLink> links() {
    return members.stream()
        .map(
            m -> {
              RemoteOperatorApi a = m.api;
              return new ManagerLink(
                  m.name(),
                  m.attached,
                  m.sentence,
                  a == null ? 0 : a.agents().size(),
                  a == null ? null : a.role(),
                  a == null || !m.attached ? null : a.info());
            })
        .toList();
  }

  @Override
  public ManagerLink connect(String hostPort, String token, String fingerprint) throws IOException {
    HostPort address = HostPort.parse(hostPort.strip());
    Fingerprint pin =
        fingerprint == null || fingerprint.isBlank()
            ? null
            : Fingerprint.parse(fingerprint.strip());
    String t = token == null || token.isBlank() ? null : token.strip();
    Member m = add(address, t, pin);
    return links().get(m.place);
  }

  @Override
  public boolean disconnect(String name) {
    Optional<Member> m = find(name);
    if (m.isEmpty() || m.get().place == 0) {
      return false;
    }
    remembered.remove(m.get().address);
    m.get().close();
    m.get().attached = false;
    m.get().sentence = "disconnected";
    RemoteOperatorApi a = m.get().api;
    if (a != null) {
      a.agents().forEach(agent -> tell(l -> l.agentRemoved(agent.agentId())));
    }
    m.get().api = null;
    return true;
  }

  Optional<Member> find(String name) {
    return members.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The first manager: the one named on the command line, which enrollment and audits go to. */
  Member first() {
    return members.get(0);
  }

  /** The managers attached now or before, in their places. */
  List<Member> members() {
    return members;
  }

  // --- agents and ids ----------------------------------------------------------------------

  /** The manager holding an agent, if any in the window does. */
  Optional<Member> holder(String agentId) {
    for (Member m : members) {
      RemoteOperatorApi a = m.api;
      if (a != null && a.agent(agentId).isPresent()) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The manager whose id (an alert's, a problem's) this is. */
  Optional<Member> holderOf(long id) {
    long place = id >>> ID_SHIFT;
    return place < members.size() ? Optional.of(members.get((int) place)) : Optional.empty();
  }

  /** A manager's own id as the window knows it: its place in the top bits (0 for the first). */
  static long outer(Member m, long id) {
    return id <= 0 ? id : ((long) m.place << ID_SHIFT) | id;
  }

  /** The manager's own id behind a window id. */
  static long inner(long id) {
    return id <= 0 ? id : id & ((1L << ID_SHIFT) - 1);
  }

  static AlertEvent outer(Member m, AlertEvent e) {
    return new AlertEvent(
        outer(m, e.id()),
        e.agentId(),
        e.hostname(),
        e.alert(),
        e.channel(),
        e.receivedAtMillis(),
        e.snoozed());
  }

  static Problem outer(Member m, Problem p) {
    return new Problem(
        outer(m, p.id()),
        p.agentId(),
        p.hostname(),
        p.rule(),
        p.severity(),
        p.state(),
        p.sinceMillis(),
        p.updatedMillis(),
        p.value(),
        p.message(),
        outer(m, p.alertId()),
        p.acknowledgedBy(),
        p.acknowledgedAtMillis(),
        p.snoozedBy(),
        p.snoozedUntilMillis());
  }

  static Acknowledgement outer(Member m, Acknowledgement a) {
    return new Acknowledgement(outer(m, a.alertId()), a.who(), a.atMillis(), a.note());
  }

  /** Every attached manager's API with its member, in place order. */
  Stream<Member> attached() {
    return members.stream().filter(m -> m.api != null);
  }

  List<AgentSnapshot> agents() {
    return attached().flatMap(m -> m.api.agents().stream().map(m::mark)).toList();
  }

  Optional<AgentSnapshot> agent(String agentId) {
    return holder(agentId).flatMap(m -> m.api.agent(agentId).map(m::mark));
  }

  Optional<AgentView> view(String agentId) {
    return holder(agentId)
        .flatMap(
            m ->
                m.api
                    .view(agentId)
                    .map(v -> new AgentView(m.mark(v.snapshot()), v.details(), v.live())));
  }

  List<AlertEvent> recentAlerts() {
    return attached()
        .flatMap(m -> m.api.recentAlerts().stream().map(e -> outer(m, e)))
        .sorted(Comparator.comparingLong(AlertEvent::receivedAtMillis))
        .toList();
  }

  List<Problem> problems() {
    return attached()
        .flatMap(m -> m.api.problems().stream().map(p -> outer(m, p)))
        .sorted(Comparator.comparingLong(Problem::updatedMillis).reversed())
        .toList();
  }

  List<AlertEvent> alertHistory(AlertQuery query) {
    if (query.agentId() != null) {
      return holder(query.agentId())
          .map(m -> m.api.alertHistory(query).stream().map(e -> outer(m, e)).toList())
          .orElse(List.of());
    }
    List<AlertEvent> all = new ArrayList<>();
    attached().forEach(m -> m.api.alertHistory(query).forEach(e -> all.add(outer(m, e))));
    all.sort(Comparator.comparingLong(AlertEvent::receivedAtMillis).reversed());
    return all.size() > query.limit() ? List.copyOf(all.subList(0, query.limit())) : all;
  }

  /** The role of the first manager: what the window's menus follow (each manager still decides). */
  Role role() {
    RemoteOperatorApi a = first().api;
    return a == null ? Role.VIEWER : a.role();
  }

  void listen(FleetListener listener) {
    listeners.add(listener);
  }

  void unlisten(FleetListener listener) {
    listeners.remove(listener);
  }

  private void tell(java.util.function.Consumer<FleetListener> event) {
    toListeners.each(event);
  }

  @Override
  public void close() {
    closed = true;
    members.forEach(Member::close);
  }
}
