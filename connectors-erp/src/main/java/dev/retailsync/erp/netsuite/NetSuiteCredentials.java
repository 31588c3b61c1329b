package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.api.ValidationException;
import dev.retailsync.erp.CredentialExpiry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The OAuth 2.0 client-credentials (machine-to-machine) credential of one NetSuite integration: the
 * integration record's client id, the certificate id NetSuite assigned when the certificate was
 * mapped to an entity and role, the certificate's private key, and when the certificate expires.
 *
 * <p>{@link #assertion(Clock, String)} mints the signed JWT the token endpoint takes as {@code
 * client_assertion}, following NetSuite's token-structure page: header {@code typ=JWT}, {@code alg}
 * PS256 for an RSA key (RSASSA-PSS; NetSuite refuses RS256 there) or ES256 for an EC P-256 key, and
 * {@code kid} the certificate id; claims {@code iss} the client id, {@code scope} the scopes joined
 * by commas, {@code aud} the token endpoint, {@code iat} and {@code exp} (at most 60 minutes later;
 * 5 minutes by default). There is no refresh token in this flow: every token request carries a
 * fresh assertion.
 *
 * <p>Immutable and thread-safe. {@code toString()} shows the client and certificate ids, never the
 * key.
 */
public final class NetSuiteCredentials {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** Signing algorithms NetSuite accepts for the client assertion. */
  public enum Algorithm {
    /** RSASSA-PSS with SHA-256 (an RSA key of 3072 or 4096 bits). */
    PS256,
    /** RSASSA-PSS with SHA-384. */
    PS384,
    /** RSASSA-PSS with SHA-512. */
    PS512,
    /** ECDSA on P-256 with SHA-256. */
    ES256,
    /** ECDSA on P-384 with SHA-384. */
    ES384,
    /** ECDSA on P-521 with SHA-512. */
    ES512
  }

  private final String clientId;
  private final String certificateId;
  private final PrivateKey privateKey;
  private final Algorithm algorithm;
  private final List<String> scopes;
  private final Duration assertionLifetime;
  private final Instant certificateExpiresAt;

  private NetSuiteCredentials(Builder b) {
    this.clientId = b.clientId;
    this.certificateId = b.certificateId;
    this.privateKey = b.privateKey;
    this.algorithm = b.algorithm;
    this.scopes = b.scopes;
    this.assertionLifetime = b.assertionLifetime;
    this.certificateExpiresAt = b.certificateExpiresAt;
  }

  /**
   * Returns a builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the integration record's client id.
   *
   * @return the client id
   */
  public String clientId() {
    return clientId;
  }

  /**
   * Returns the certificate id from the M2M setup page, sent as the assertion's {@code kid}.
   *
   * @return the certificate id
   */
  public String certificateId() {
    return certificateId;
  }

  /**
   * Returns the signing algorithm.
   *
   * @return the algorithm
   */
  public Algorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the scopes asked for.
   *
   * @return the scopes, such as {@code rest_webservices}
   */
  public List<String> scopes() {
    return scopes;
  }

  /**
   * Returns when the certificate expires, so a connector can warn before token requests fail.
   * NetSuite caps certificates at two years and clears the mapping on every sandbox refresh.
   *
   * @return the expiry, or empty when it was not configured
   */
  public Optional<CredentialExpiry> certificateExpiry() {
    return certificateExpiresAt == null
        ? Optional.empty()
        : Optional.of(
            new CredentialExpiry(
                "NetSuite M2M certificate kid=" + certificateId + " of client " + clientId,
                certificateExpiresAt));
  }

  /**
   * Mints a signed client assertion for one token request.
   *
   * @param clock the clock {@code iat} and {@code exp} are read from
   * @param tokenEndpoint the token endpoint URL, the assertion's audience
   * @return the compact JWT {@code header.claims.signature}
   * @throws IllegalArgumentException when the key cannot sign with the algorithm
   */
  public String assertion(Clock clock, String tokenEndpoint) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "JWT");
    header.put("alg", algorithm.name());
    header.put("kid", certificateId);
    long iat = clock.instant().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", clientId);
    claims.put("scope", String.join(",", scopes));
    claims.put("aud", tokenEndpoint);
    claims.put("iat", iat);
    claims.put("exp", iat + assertionLifetime.getSeconds());
    claims.put("jti", UUID.randomUUID().toString());
    try {
      String input =
          B64.encodeToString(JSON.writeValueAsBytes(header))
              + "."
              + B64.encodeToString(JSON.writeValueAsBytes(claims));
      return input + "." + B64.encodeToString(sign(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("claims are not JSON: " + e.getOriginalMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot sign the NetSuite client assertion with " + algorithm + ": " + e.getMessage(), e);
    }
  }

  private byte[] sign(byte[] input) throws GeneralSecurityException {
    Signature s;
    switch (algorithm) {
      case PS256:
      case PS384:
      case PS512:
        String hash = "SHA-" + algorithm.name().substring(2);
        int saltLength = Integer.parseInt(algorithm.name().substring(2)) / 8;
        s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(
            new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
        break;
      default:
        // JOSE wants R || S, not DER: the JDK's P1363 format is exactly that.
        s = Signature.getInstance("SHA" + algorithm.name().substring(2) + "withECDSAinP1363Format");
        break;
    }
    s.initSign(privateKey);
    s.update(input);
    return s.sign();
  }

  @Override
  public String toString() {
    return "NetSuiteCredentials[client="
        + clientId
        + ", kid="
        + certificateId
        + ", alg="
        + algorithm
        + ", key=***]";
  }

  /** Builds {@link NetSuiteCredentials}. Not thread-safe. */
  public static final class Builder {
    private String clientId;
    private String certificateId;
    private PrivateKey privateKey;
    private Algorithm algorithm;
    private List<String> scopes = List.of("rest_webservices");
    private Duration assertionLifetime = Duration.ofMinutes(5);
    private Instant certificateExpiresAt;

    private Builder() {}

    /**
     * Sets the integration record's client id (consumer key); required.
     *
     * @param clientId the client id
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /**
     * Sets the certificate id shown on the OAuth 2.0 Client Credentials (M2M) Setup page; required.
     *
     * @param certificateId the certificate id
     * @return this builder
     */
    public Builder certificateId(String certificateId) {
      this.certificateId = certificateId;
      return this;
    }

    /**
     * Sets the certificate's private key (RSA 3072/4096 bits or EC P-256/384/521); required.
     *
     * @param key the key
     * @return this builder
     */
    public Builder privateKey(PrivateKey key) {
      this.privateKey = key;
      return this;
    }

    /**
     * Sets the signing algorithm; by default PS256 for an RSA key and ES256 for an EC key.
     *
     * @param algorithm the algorithm
     * @return this builder
     */
    public Builder algorithm(Algorithm algorithm) {
      this.algorithm = algorithm;
      return this;
    }

    /**
     * Sets the scopes; {@code rest_webservices} by default.
     *
     * @param scopes such as {@code rest_webservices}, {@code restlets}, {@code suite_analytics}
     * @return this builder
     */
    public Builder scopes(List<String> scopes) {
      this.scopes = List.copyOf(scopes);
      return this;
    }

    /**
     * Sets how long an assertion is valid ({@code exp - iat}); 5 minutes by default, at most 60.
     *
     * @param lifetime the lifetime
     * @return this builder
     */
    public Builder assertionLifetime(Duration lifetime) {
      this.assertionLifetime = lifetime;
      return this;
    }

    /**
     * Sets when the certificate expires, for early warnings.
     *
     * @param expiresAt the certificate's notAfter, or {@code null} when unknown
     * @return this builder
     */
    public Builder certificateExpiresAt(Instant expiresAt) {
      this.certificateExpiresAt = expiresAt;
      return this;
    }

    /**
     * Builds the credentials.
     *
     * @return the credentials
     * @throws ValidationException naming the missing or invalid setting
     */
    public NetSuiteCredentials build() {
      if (clientId == null || clientId.isBlank()) {
        throw ValidationException.of(
            "NetSuiteCredentials", "clientId", null, "is required: the integration's client id");
      }
      if (certificateId == null || certificateId.isBlank()) {
        throw ValidationException.of(
            "NetSuiteCredentials",
            "certificateId",
            null,
            "is required: the certificate id from Setup > Integration > OAuth 2.0 Client"
                + " Credentials (M2M) Setup");
      }
      Objects.requireNonNull(privateKey, "privateKey");
      if (algorithm == null) {
        if (privateKey instanceof RSAPrivateKey) {
          algorithm = Algorithm.PS256;
        } else if (privateKey instanceof ECPrivateKey) {
          algorithm = Algorithm.ES256;
        } else {
          throw ValidationException.of(
              "NetSuiteCredentials",
              "privateKey",
              privateKey.getAlgorithm(),
              "must be an RSA or EC private key");
        }
      }
      boolean rsa = algorithm.name().startsWith("PS");
      if (rsa != (privateKey instanceof RSAPrivateKey)) {
        throw ValidationException.of(
            "NetSuiteCredentials",
            "algorithm",
            algorithm,
            "does not fit a " + privateKey.getAlgorithm() + " key");
      }
      if (scopes.isEmpty()) {
        throw ValidationException.of(
            "NetSuiteCredentials", "scopes", scopes, "must name at least rest_webservices");
      }
      if (assertionLifetime.isNegative()
          || assertionLifetime.isZero()
          || assertionLifetime.compareTo(Duration.ofMinutes(60)) > 0) {
        throw ValidationException.of(
            "NetSuiteCredentials",
            "assertionLifetime",
            assertionLifetime,
            "must be more than 0 and at most 60 minutes (NetSuite refuses longer assertions)");
      }
      return new NetSuiteCredentials(this);
    }
  }
}
