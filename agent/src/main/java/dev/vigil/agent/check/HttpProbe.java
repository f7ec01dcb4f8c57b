package dev.vigil.agent.check;

import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * Fetches a URL and judges its status (2xx and 3xx, or exactly {@code expect}) and its latency
 * (over {@code within} is a warning); an HTTPS server's certificate must be valid for the JVM's
 * trust store and its days left are a metric. Redirects are not followed: a 301 is an answer.
 */
final class HttpProbe implements Probe {
  private final URI uri;
  private final Integer expect;
  private final Duration within;

  /**
   * One client for every HTTP check: each client has its own selector thread, and the request's
   * timeout bounds the connection as well as the answer.
   */
  private static final class Shared {
    static final HttpClient CLIENT =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  }

  HttpProbe(CheckSpec spec) {
    this.uri = CheckLine.uri(spec.target());
    this.expect =
        spec.options().containsKey("expect")
            ? Integer.valueOf(CheckLine.count(spec.options().get("expect"), "expect", 599))
            : null;
    this.within = CheckLine.duration(spec.options(), "within", null);
  }

  @Override
  public Outcome run(Duration timeout) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("User-Agent", "vigil-agent")
            .GET()
            .build();
    long start = System.nanoTime();
    HttpResponse<Void> response;
    try {
      response = Shared.CLIENT.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (HttpTimeoutException e) {
      return Outcome.of(
          CheckStatus.CRITICAL, "HTTP " + uri + ": no answer within " + timeout.toMillis() + " ms");
    } catch (SSLHandshakeException e) {
      return Outcome.of(
          CheckStatus.CRITICAL,
          "HTTPS " + uri + ": certificate not accepted (" + e.getMessage() + ")");
    } catch (IOException e) {
      return Outcome.of(CheckStatus.CRITICAL, "HTTP " + uri + ": " + reason(e));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int code = response.statusCode();
    List<CheckMetric> metrics = new ArrayList<>();
    metrics.add(new CheckMetric("time", seconds, "s"));
    response
        .sslSession()
        .flatMap(HttpProbe::daysLeft)
        .ifPresent(d -> metrics.add(new CheckMetric("cert_days", d, "d")));
    String said = String.format("HTTP %d from %s in %.3f s", code, uri, seconds);
    boolean codeOk = expect != null ? code == expect : code >= 200 && code < 400;
    if (!codeOk) {
      return new Outcome(
          CheckStatus.CRITICAL,
          said + (expect != null ? " (expected " + expect + ")" : ""),
          metrics);
    }
    if (within != null && seconds * 1000 > within.toMillis()) {
      return new Outcome(
          CheckStatus.WARNING, said + " (slower than " + within.toMillis() + " ms)", metrics);
    }
    return new Outcome(CheckStatus.OK, said, metrics);
  }

  private static java.util.Optional<Double> daysLeft(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
        return java.util.Optional.of(CertProbe.daysLeft(x));
      }
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      // No certificate to measure; the status says enough.
    }
    return java.util.Optional.empty();
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    if (e instanceof java.net.ConnectException || m == null || m.isBlank()) {
      return "connection refused or unreachable";
    }
    return m;
  }
}
