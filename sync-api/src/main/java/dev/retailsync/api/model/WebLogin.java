package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A customer's web login profile: the login an online store keeps for the customer. The ecommerce
 * platform usually owns it; other systems only read it. Passwords and tokens never travel in the
 * canonical model.
 *
 * <p>Instances are immutable and thread-safe. {@code toString()} redacts the login e-mail and the
 * user name.
 *
 * @param loginEmail the e-mail address the customer logs in with, or {@code null}
 * @param username the user name, where the store has one apart from the e-mail, or {@code null}
 * @param state the state of the login, or {@code null} when unknown
 * @param emailVerified whether the customer confirmed the login e-mail, or {@code null} when
 *     unknown
 * @param createdAt when the login was created, or {@code null}
 * @param lastLoginAt when the customer last logged in, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebLogin(
    @Email @Size(max = 254) String loginEmail,
    @Size(max = 128) String username,
    WebLoginState state,
    Boolean emailVerified,
    Instant createdAt,
    Instant lastLoginAt) {

  // Checks the components; see the class documentation for the rules.
  public WebLogin {
    if (loginEmail != null && (loginEmail.isBlank() || loginEmail.indexOf('@') <= 0)) {
      throw new ValidationException(
          "WebLogin",
          List.of(
              FieldError.redacted(
                  "loginEmail", "is not an e-mail address: it needs text before an '@'")));
    }
    if (username != null && username.isBlank()) {
      throw new ValidationException(
          "WebLogin",
          List.of(
              FieldError.redacted(
                  "username", "must not be blank; leave it out (null) when there is none")));
    }
  }

  /**
   * Redacts the login e-mail and the user name.
   *
   * @return a rendering without personal data
   */
  @Override
  public String toString() {
    return "WebLogin[loginEmail="
        + (loginEmail == null ? "null" : "<redacted>")
        + ", username="
        + (username == null ? "null" : "<redacted>")
        + ", state="
        + state
        + ", emailVerified="
        + emailVerified
        + ", createdAt="
        + createdAt
        + ", lastLoginAt="
        + lastLoginAt
        + "]";
  }
}
