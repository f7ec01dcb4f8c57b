package dev.vigil.console.manager.notify;

import dev.vigil.common.Durations;
import dev.vigil.common.config.ConfigException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code alertmanager} channel: pushes problems to one Prometheus Alertmanager or to each of a
 * cluster's ({@code POST /api/v2/alerts}), re-sent while they fire as Alertmanager expects; the
 * team's own Alertmanager routing, silences and receivers take it from there. A message is accepted
 * when at least one Alertmanager accepted it (a cluster shares what one of them got); the others'
 * failures are logged and kept in {@link #lastFailures}. Safe for concurrent use.
 */
public final class AlertmanagerChannel implements Channel, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertmanagerChannel.class);

  static final Duration DEFAULT_RESEND = Duration.ofMinutes(1);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** One Alertmanager: where its API is, how it is shown, and its Basic credentials if any. */
  private record Target(URI alerts, String shown, Optional<String> authorization) {}

  private final String name;
  private final List<Target> targets;
  private final Duration timeout;
  private final Duration resend;
  private final String manager;
  private final HttpClient client;
  private volatile List<String> lastFailures = List.of();

  private AlertmanagerChannel(
      String name,
      List<Target> targets,
      Duration timeout,
      Duration resend,
      String manager,
      Optional<SSLContext> trust) {
    this.name = name;
    this.targets = List.copyOf(targets);
    this.timeout = timeout;
    this.resend = resend;
    this.manager = manager;
    HttpClient.Builder builder =
        HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
    trust.ifPresent(builder::sslContext);
    this.client = builder.build();
  }

  /**
   * The channel the settings describe: {@code url} (one or more, separated by commas), optional
   * {@code timeout} (10s), {@code resend} (1m), {@code trust} (a PEM file for https) and {@code
   * manager} (the {@code vigil_manager} label; this machine's host name when not written).
   *
   * @throws ConfigException naming the file, the line and the key at fault
   */
  public static AlertmanagerChannel from(ChannelSettings settings) throws ConfigException {
    return from(settings, NoticeWording.managerIdentity(settings));
  }

  /** The channel the settings describe, labelling its alerts {@code vigil_manager=manager}. */
  public static AlertmanagerChannel from(ChannelSettings settings, String manager)
      throws ConfigException {
    List<Target> targets = new ArrayList<>();
    for (String each : settings.required("url").split(",")) {
      if (!each.isBlank()) {
        targets.add(target(settings, each.trim()));
      }
    }
    if (targets.isEmpty()) {
      throw settings.error("url", "names no Alertmanager; write http://HOST:9093");
    }
    return new AlertmanagerChannel(
        settings.name(),
        targets,
        EmailChannel.duration(settings, "timeout", DEFAULT_TIMEOUT),
        EmailChannel.duration(settings, "resend", DEFAULT_RESEND),
        manager,
        TrustFile.from(settings, "trust"));
  }

  private static Target target(ChannelSettings settings, String text) throws ConfigException {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw settings.error("url", "'" + text + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw settings.error(
          "url",
          "must be an Alertmanager's address such as http://127.0.0.1:9093 (no query), got '"
              + (uri.getRawUserInfo() == null ? text : text.replace(uri.getRawUserInfo(), "***"))
              + "'");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    String hostPort = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    if (uri.getHost().indexOf(':') >= 0 && !uri.getHost().startsWith("[")) {
      hostPort = "[" + uri.getHost() + "]" + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
    String base = scheme + "://" + hostPort + path;
    Optional<String> authorization =
        Optional.ofNullable(uri.getUserInfo())
            .map(
                info ->
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    String shown = authorization.isPresent() ? scheme + "://***@" + hostPort + path : base;
    return new Target(URI.create(base + "/api/v2/alerts"), shown, authorization);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "alertmanager";
  }

  @Override
  public String describe() {
    return "Alertmanager "
        + String.join(", ", targets.stream().map(Target::shown).toList())
        + " (re-sent every "
        + Durations.format(resend)
        + ")";
  }

  @Override
  public Optional<Duration> resendWhileFiring() {
    return Optional.of(resend);
  }

  /** Why the Alertmanagers that did not accept the last delivered message refused it. */
  public List<String> lastFailures() {
    return lastFailures;
  }

  @Override
  public void deliver(Message message) throws DeliveryException {
    String body =
        AlertmanagerAlerts.of(message, manager, resend, System.currentTimeMillis()).toString();
    List<CompletableFuture<Optional<Failure>>> sends = new ArrayList<>();
    for (Target t : targets) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(t.alerts())
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      t.authorization().ifPresent(a -> request.header("Authorization", a));
      sends.add(
          client
              .sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
              .handle((response, error) -> outcome(t, response, error)));
    }
    List<Failure> failures = new ArrayList<>();
    for (CompletableFuture<Optional<Failure>> send : sends) {
      send.join().ifPresent(failures::add);
    }
    List<String> sentences = failures.stream().map(Failure::sentence).toList();
    if (failures.size() == targets.size()) {
      throw new DeliveryException(
          (targets.size() == 1 ? "" : "no Alertmanager accepted the alerts: ")
              + String.join("; ", sentences),
          failures.stream().allMatch(Failure::permanent));
    }
    lastFailures = sentences;
    if (!failures.isEmpty()) {
      log.warn(
          "Channel '{}': {} of {} Alertmanagers accepted message {}; {}",
          name,
          targets.size() - failures.size(),
          targets.size(),
          message.id(),
          String.join("; ", sentences));
    }
  }

  /** One Alertmanager's refusal, in a sentence. */
  private record Failure(String sentence, boolean permanent) {}

  private Optional<Failure> outcome(Target t, HttpResponse<String> response, Throwable error) {
    if (error == null) {
      int status = response.statusCode();
      if (status / 100 == 2) {
        return Optional.empty();
      }
      String said = NoticeWording.oneLine(response.body()).trim();
      if (said.length() > 200) {
        said = said.substring(0, 200) + "...";
      }
      boolean permanent = status / 100 == 4 && status != 408 && status != 429;
      return Optional.of(
          new Failure(
              t.shown() + " answered HTTP " + status + (said.isEmpty() ? "" : ": " + said),
              permanent));
    }
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String why;
    if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
      why = "did not answer within " + Durations.format(timeout);
    } else if (cause instanceof ConnectException) {
      why = "refused the connection";
    } else if (cause instanceof SSLException) {
      why =
          "failed the TLS handshake ("
              + NoticeWording.oneLine(String.valueOf(cause.getMessage()))
              + "); name its CA's PEM file with 'trust'";
    } else if (cause instanceof IOException) {
      why = "could not be reached: " + NoticeWording.oneLine(String.valueOf(cause.getMessage()));
    } else {
      why = "could not be sent to: " + NoticeWording.oneLine(String.valueOf(cause));
    }
    return Optional.of(new Failure(t.shown() + " " + why, false));
  }

  @Override
  public void close() {
    client.close();
  }
}
