package dev.retailsync.examples.o2c;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the order-to-cash example finds Vendure and Tryton, and where it keeps its state. Each
 * setting is read from a system property or, when that is unset, from an environment variable:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>system property</th><th>environment variable</th><th>meaning</th></tr>
 *   <tr><td>{@code o2c.vendure.adminApiUrl}</td><td>{@code O2C_VENDURE_ADMIN_API_URL}</td>
 *       <td>Vendure's Admin API, such as {@code http://localhost:3000/admin-api}</td></tr>
 *   <tr><td>{@code o2c.vendure.apiKey}</td><td>{@code O2C_VENDURE_API_KEY}</td>
 *       <td>an API key of a role with the customer, order and catalog permissions</td></tr>
 *   <tr><td>{@code o2c.tryton.url}</td><td>{@code O2C_TRYTON_URL}</td>
 *       <td>trytond's root URL, such as {@code http://localhost:8000/}</td></tr>
 *   <tr><td>{@code o2c.tryton.database}</td><td>{@code O2C_TRYTON_DATABASE}</td>
 *       <td>the Tryton database</td></tr>
 *   <tr><td>{@code o2c.tryton.login}</td><td>{@code O2C_TRYTON_LOGIN}</td>
 *       <td>the Tryton user</td></tr>
 *   <tr><td>{@code o2c.tryton.password}</td><td>{@code O2C_TRYTON_PASSWORD}</td>
 *       <td>its password</td></tr>
 *   <tr><td>{@code o2c.stateDir}</td><td>{@code O2C_STATE_DIR}</td>
 *       <td>the directory of the engine's H2 database; {@code target/order-to-cash-db} by
 *       default</td></tr>
 * </table>
 *
 * <p>Immutable; {@code toString()} hides the API key and the password.
 *
 * @param vendureAdminApiUrl Vendure's Admin API URL
 * @param vendureApiKey the Vendure API key
 * @param trytonUrl trytond's root URL
 * @param trytonDatabase the Tryton database
 * @param trytonLogin the Tryton user
 * @param trytonPassword the Tryton user's password
 * @param stateDirectory where the engine's H2 database lives
 */
public record Settings(
    String vendureAdminApiUrl,
    String vendureApiKey,
    String trytonUrl,
    String trytonDatabase,
    String trytonLogin,
    String trytonPassword,
    Path stateDirectory) {

  /**
   * Reads the settings from system properties and the environment.
   *
   * @return the settings
   * @throws ValidationException naming every missing setting (never a value)
   */
  public static Settings fromEnvironment() {
    return from(System::getProperty, System.getenv());
  }

  /**
   * Reads the settings from the given properties, falling back to the given environment.
   *
   * @param properties looks up a system property, {@code null} when unset
   * @param environment the environment variables
   * @return the settings
   * @throws ValidationException naming every missing setting (never a value)
   */
  public static Settings from(
      Function<String, String> properties, Map<String, String> environment) {
    List<FieldError> missing = new ArrayList<>();
    Function<String, String> required =
        name -> {
          String v = lookup(properties, environment, name);
          if (v == null) {
            missing.add(
                FieldError.redacted(
                    name, "is required: set -D" + name + " or the variable " + variable(name)));
          }
          return v;
        };
    String vendureUrl = required.apply("o2c.vendure.adminApiUrl");
    String vendureKey = required.apply("o2c.vendure.apiKey");
    String trytonUrl = required.apply("o2c.tryton.url");
    String trytonDb = required.apply("o2c.tryton.database");
    String trytonLogin = required.apply("o2c.tryton.login");
    String trytonPassword = required.apply("o2c.tryton.password");
    String state = lookup(properties, environment, "o2c.stateDir");
    if (!missing.isEmpty()) {
      throw new ValidationException("order-to-cash settings", missing);
    }
    return new Settings(
        vendureUrl,
        vendureKey,
        trytonUrl,
        trytonDb,
        trytonLogin,
        trytonPassword,
        Path.of(state == null ? "target/order-to-cash-db" : state));
  }

  private static String lookup(
      Function<String, String> properties, Map<String, String> environment, String name) {
    String v = properties.apply(name);
    if (v == null || v.isBlank()) {
      v = environment.get(variable(name));
    }
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** {@code o2c.vendure.adminApiUrl} is {@code O2C_VENDURE_ADMIN_API_URL}. */
  static String variable(String property) {
    return property
        .replaceAll("([a-z])([A-Z])", "$1_$2")
        .replace('.', '_')
        .toUpperCase(java.util.Locale.ROOT);
  }

  /** Shows the addresses, the database and the user, never the API key or the password. */
  @Override
  public String toString() {
    return "Settings[vendure="
        + vendureAdminApiUrl
        + ", vendureApiKey=<redacted>, tryton="
        + trytonUrl
        + " database "
        + trytonDatabase
        + " as "
        + trytonLogin
        + ", trytonPassword=<redacted>, state="
        + stateDirectory
        + "]";
  }
}
