package dev.vigil.console.manager.notify;

import dev.vigil.common.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook: each message is one HTTP POST of a JSON body (Vigil's versioned one, or a Slack,
 * Mattermost or Teams incoming webhook's), with the message's id as an idempotency key and, when a
 * key is set, an HMAC-SHA256 signature over the timestamp and the exact body bytes. Thread-safe.
 */
public final class WebhookChannel implements Channel {
  /** The header with the message's id, the same on every retry. */
  public static final String MESSAGE_ID = "X-Vigil-Message-Id";

  /** When the body was signed, in seconds since the epoch; part of what is signed. */
  public static final String TIMESTAMP = "X-Vigil-Timestamp";

  /** {@code sha256=HEX}: HMAC-SHA256 of {@code TIMESTAMP + "." + body}. */
  public static final String SIGNATURE = "X-Vigil-Signature";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final URI url;
  private final WebhookBody.Format format;
  private final byte[] hmacKey;
  private final HttpClient http;
  private final LongSupplier clock;

  WebhookChannel(
      String name, URI url, WebhookBody.Format format, byte[] hmacKey, LongSupplier clock) {
    this.name = name;
    this.url = url;
    this.format = format;
    this.hmacKey = hmacKey;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /**
   * A webhook from its settings: {@code url} (http or https), {@code format} (vigil, slack,
   * mattermost or teams; vigil unless said) and {@code hmac-key} (optional).
   *
   * @throws ConfigException naming the file, the line and the key that is wrong
   */
  public static WebhookChannel from(ChannelSettings s) throws ConfigException {
    String raw = s.required("url");
    URI url;
    try {
      url = new URI(raw);
    } catch (URISyntaxException e) {
      throw s.error("url", "is not a URL (" + e.getReason() + ")");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw s.error("url", "must be an http:// or https:// URL with a host");
    }
    String f = s.optional("format").orElse("vigil");
    WebhookBody.Format format;
    try {
      format = WebhookBody.Format.valueOf(f.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw s.error("format", "is vigil, slack, mattermost or teams, not '" + f + "'");
    }
    byte[] key = s.optional("hmac-key").map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
    for (String k : s.values().keySet()) {
      if (!java.util.Set.of("type", "url", "format", "hmac-key").contains(k)) {
        throw s.error(k, "is not a webhook's key (url, format, hmac-key)");
      }
    }
    return new WebhookChannel(s.name(), url, format, key, System::currentTimeMillis);
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
    return masked(url)
        + " ("
        + format.name().toLowerCase(Locale.ROOT)
        + (hmacKey == null ? "" : ", signed")
        + ")";
  }

  /** A URL with its path and query hidden: they often hold the token. */
  static String masked(URI url) {
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    boolean hidden =
        url.getRawPath() != null && url.getRawPath().length() > 1 || url.getRawQuery() != null;
    return url.getScheme() + "://" + url.getHost() + port + (hidden ? "/•••" : "/");
  }

  @Override
  public void deliver(Message message) throws DeliveryException {
    long now = clock.getAsLong();
    byte[] body = WebhookBody.of(format, message, now).getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "vigil-notifier")
            .header(MESSAGE_ID, String.valueOf(message.id()))
            .header("Idempotency-Key", "vigil-" + message.id())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (hmacKey != null) {
      String timestamp = String.valueOf(now / 1000);
      request
          .header(TIMESTAMP, timestamp)
          .header(SIGNATURE, "sha256=" + sign(hmacKey, timestamp, body));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new DeliveryException(
          "the webhook at " + masked(url) + " did not answer within " + TIMEOUT.toSeconds() + " s",
          false,
          e);
    } catch (IOException e) {
      throw new DeliveryException(
          "cannot reach the webhook at " + masked(url) + " (" + reason(e) + ")", false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("the notifier stopped while sending to " + masked(url), false, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
    String said = response.body() == null ? "" : response.body().strip();
    if (said.length() > 200) {
      said = said.substring(0, 200) + "…";
    }
    throw new DeliveryException(
        "the webhook at "
            + masked(url)
            + " answered HTTP "
            + status
            + (said.isEmpty() ? "" : ": " + said.replaceAll("\\s+", " "))
            + (permanent ? " (it refuses the message; check the channel's url and format)" : ""),
        permanent);
  }

  /** HMAC-SHA256 of {@code timestamp + "." + body}, in lower-case hex. */
  public static String sign(byte[] key, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no HmacSHA256", e);
    }
  }

  /** Why a request failed, in words: the first message down the causes, or what kind it was. */
  private static String reason(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return "connection refused";
      }
      if (t instanceof java.nio.channels.UnresolvedAddressException
          || t instanceof java.net.UnknownHostException) {
        return "unknown host";
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return "the connection failed";
  }

  @Override
  public void close() {
    http.close();
  }
}
