package dev.vigil.console.manager.operators;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.vigil.common.DataDirectories;
import dev.vigil.common.HashChain;
import dev.vigil.console.manager.api.OperatorAccount;
import dev.vigil.console.manager.api.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The operators a manager knows by key, the invitations not used yet (kept as SHA-256 hashes) and
 * the first admin's one-time token: {@code operators.json} in the data directory, owner-only, each
 * change written to a temporary file, forced to disk and renamed into place before it counts.
 * Thread-safe.
 */
public final class OperatorStore {
  /** The store's file name in the data directory. */
  public static final String FILE = "operators.json";

  /** The first admin's one-time token's file name in the data directory. */
  public static final String ADMIN_TOKEN_FILE = "admin-token";

  /** Who the first admin was added by, in the list of operators. */
  public static final String BY_ADMIN_TOKEN = "admin token";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private record StoredInvitation(
      String sha256, String name, Role role, long expiresAtMillis, String invitedBy) {}

  private record Stored(
      List<OperatorAccount> operators,
      List<StoredInvitation> invitations,
      String adminTokenSha256) {
    Stored {
      operators = operators == null ? new ArrayList<>() : new ArrayList<>(operators);
      invitations = invitations == null ? new ArrayList<>() : new ArrayList<>(invitations);
    }
  }

  /** What a token enrolled: the new account. */
  public record Enrolled(OperatorAccount account) {}

  private final Path dir;
  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();
  private final SecureRandom random = new SecureRandom();
  private Stored state;

  /**
   * Reads the store, creating nothing yet.
   *
   * @throws IOException when the file cannot be read or is damaged; the message names it
   */
  public OperatorStore(Path dataDir) throws IOException {
    this.dir = dataDir;
    this.file = dataDir.resolve(FILE);
    this.state = read(file);
  }

  /** The manager's data directory, where this store keeps its file. */
  public Path directory() {
    return dir;
  }

  private static Stored read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new Stored(List.of(), List.of(), null);
    }
    try {
      Stored s = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Stored.class);
      return s == null ? new Stored(List.of(), List.of(), null) : s;
    } catch (JsonParseException e) {
      throw new IOException(
          file
              + " is damaged ("
              + e.getMessage()
              + "); restore it from a backup, or move it aside and attach the first admin again"
              + " with the new admin-token",
          e);
    }
  }

  /**
   * Writes the first admin's one-time token to {@code admin-token} (owner-only) when no admin
   * exists and no unused token is waiting; returns the file when a token is waiting, else empty.
   */
  public Optional<Path> adminTokenIfNoAdmin() {
    lock.lock();
    try {
      if (state.operators().stream().anyMatch(o -> o.role() == Role.ADMIN)) {
        return Optional.empty();
      }
      Path tokenFile = dir.resolve(ADMIN_TOKEN_FILE);
      if (state.adminTokenSha256() != null && Files.exists(tokenFile)) {
        return Optional.of(tokenFile);
      }
      String token = newToken("vga_");
      DataDirectories.writePrivately(tokenFile, token + "\n");
      save(new Stored(state.operators(), state.invitations(), sha256(token)));
      return Optional.of(tokenFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(ADMIN_TOKEN_FILE), e);
    } finally {
      lock.unlock();
    }
  }

  /** The operator whose console presents this key, if any. */
  public Optional<OperatorAccount> byKey(String fingerprint) {
    lock.lock();
    try {
      return state.operators().stream()
          .filter(o -> o.fingerprint().equals(fingerprint))
          .findFirst();
    } finally {
      lock.unlock();
    }
  }

  /** The invitations not used yet and not expired, by name; their tokens are not kept. */
  public List<dev.vigil.console.manager.api.PendingInvitation> pending() {
    long now = System.currentTimeMillis();
    lock.lock();
    try {
      return state.invitations().stream()
          .filter(i -> i.expiresAtMillis() >= now)
          .map(
              i ->
                  new dev.vigil.console.manager.api.PendingInvitation(
                      i.name(), i.role(), i.invitedBy(), i.expiresAtMillis()))
          .sorted(Comparator.comparing(dev.vigil.console.manager.api.PendingInvitation::name))
          .toList();
    } finally {
      lock.unlock();
    }
  }

  /** Every operator, by name. */
  public List<OperatorAccount> all() {
    lock.lock();
    try {
      return state.operators().stream()
          .sorted(Comparator.comparing(OperatorAccount::name))
          .toList();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes a single-use invitation; returns the token, which is never stored.
   *
   * @throws IllegalArgumentException when the name is not a plain name or is taken
   */
  public String invite(String name, Role role, Duration validFor, String invitedBy) {
    requireName(name);
    if (validFor.isNegative() || validFor.isZero()) {
      throw new IllegalArgumentException("an invitation must be valid for some time");
    }
    lock.lock();
    try {
      if (state.operators().stream().anyMatch(o -> o.name().equalsIgnoreCase(name))) {
        throw new IllegalArgumentException(
            "an operator called " + name + " exists already: remove it first or pick another name");
      }
      String token = newToken("vgo_");
      long now = System.currentTimeMillis();
      List<StoredInvitation> invitations = new ArrayList<>(state.invitations());
      invitations.removeIf(i -> i.expiresAtMillis() < now || i.name().equalsIgnoreCase(name));
      invitations.add(
          new StoredInvitation(sha256(token), name, role, now + validFor.toMillis(), invitedBy));
      save(new Stored(state.operators(), invitations, state.adminTokenSha256()));
      return token;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Enrolls a new key with a token: the admin token (then the first admin, named {@code name}) or
   * an invitation (then the invited name and role). The token is spent in the same durable step.
   * Empty when the token is unknown, used or expired, or the key is known already.
   */
  public Optional<OperatorAccount> enroll(String token, String fingerprint, String name) {
    String hash = sha256(token);
    long now = System.currentTimeMillis();
    lock.lock();
    try {
      if (byKey(fingerprint).isPresent()) {
        return Optional.empty();
      }
      List<OperatorAccount> operators = new ArrayList<>(state.operators());
      if (state.adminTokenSha256() != null && same(hash, state.adminTokenSha256())) {
        requireName(name);
        OperatorAccount admin =
            new OperatorAccount(name, fingerprint, Role.ADMIN, BY_ADMIN_TOKEN, now);
        operators.add(admin);
        save(new Stored(operators, state.invitations(), null));
        deleteAdminTokenFile();
        return Optional.of(admin);
      }
      for (StoredInvitation i : state.invitations()) {
        if (same(hash, i.sha256()) && i.expiresAtMillis() >= now) {
          if (operators.stream().anyMatch(o -> o.name().equalsIgnoreCase(i.name()))) {
            return Optional.empty();
          }
          OperatorAccount account =
              new OperatorAccount(i.name(), fingerprint, i.role(), i.invitedBy(), now);
          operators.add(account);
          List<StoredInvitation> left = new ArrayList<>(state.invitations());
          left.remove(i);
          save(new Stored(operators, left, state.adminTokenSha256()));
          return Optional.of(account);
        }
      }
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes an operator by name; the removed account, or empty when there is none.
   *
   * @throws IllegalArgumentException for the only admin: the admin token is spent, so no one could
   *     manage operators again
   */
  public Optional<OperatorAccount> remove(String name) {
    lock.lock();
    try {
      Optional<OperatorAccount> found =
          state.operators().stream().filter(o -> o.name().equalsIgnoreCase(name)).findFirst();
      if (found.isPresent()
          && found.get().role() == Role.ADMIN
          && state.operators().stream().filter(o -> o.role() == Role.ADMIN).count() == 1) {
        throw new IllegalArgumentException(
            name + " is the only admin: invite another admin first, then remove " + name);
      }
      found.ifPresent(
          o -> {
            List<OperatorAccount> left = new ArrayList<>(state.operators());
            left.remove(o);
            save(new Stored(left, state.invitations(), state.adminTokenSha256()));
          });
      return found;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Withdraws the unused invitation for {@code name}, so that its token admits no one even before
   * it expires (one sent to the wrong person, say); false when there is none.
   */
  public boolean withdraw(String name) {
    lock.lock();
    try {
      List<StoredInvitation> left = new ArrayList<>(state.invitations());
      if (!left.removeIf(i -> i.name().equalsIgnoreCase(name))) {
        return false;
      }
      save(new Stored(state.operators(), left, state.adminTokenSha256()));
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void deleteAdminTokenFile() {
    try {
      Files.deleteIfExists(dir.resolve(ADMIN_TOKEN_FILE));
      DataDirectories.syncDirectory(dir);
    } catch (IOException e) {
      // The token's hash is gone from the store already, so the file admits no one.
      throw new UncheckedIOException(
          "the admin token is used, but " + dir.resolve(ADMIN_TOKEN_FILE) + " is left: delete it",
          e);
    }
  }

  private void save(Stored next) {
    try {
      DataDirectories.writePrivately(file, GSON.toJson(next));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + file + ": " + e.getMessage(), e);
    }
    state = next;
  }

  /** Whether a name may name an operator: letters, digits and {@code . _ @ -}, up to 64. */
  public static boolean plainName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  private static void requireName(String name) {
    if (!plainName(name)) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not an operator name: use letters, digits and . _ @ -, up to 64 characters");
    }
  }

  private String newToken(String prefix) {
    byte[] secret = new byte[20];
    random.nextBytes(secret);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  private static String sha256(String text) {
    return HashChain.sha256(text);
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  /** When an invitation made now for {@code validFor} expires. */
  public static Instant expiry(Duration validFor) {
    return Instant.ofEpochMilli(System.currentTimeMillis() + validFor.toMillis());
  }
}
