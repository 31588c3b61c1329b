package dev.retailsync.ecommerce.shopify.webhook;

import dev.retailsync.api.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify's webhook signature: HMAC-SHA256 keyed with the app's client secret (or the store's
 * webhook signing key) over the <em>raw</em> request body, base64-encoded with the standard
 * alphabet and padding, sent in {@code X-Shopify-Hmac-Sha256} (or {@code shopify-hmac-sha256}).
 *
 * <p>Verification compares the bytes in constant time ({@link MessageDigest#isEqual}) and accepts
 * any of up to two secrets, so a secret can be rotated without dropping deliveries signed with the
 * previous one. A hex digest, a re-serialised body or a case change never verifies.
 *
 * <p>Instances are immutable and thread-safe. {@code toString()} never shows a secret.
 */
public final class WebhookSignature {
  private static final String ALGORITHM = "HmacSHA256";

  private final List<SecretKeySpec> keys;

  private WebhookSignature(List<SecretKeySpec> keys) {
    this.keys = keys;
  }

  /**
   * Returns a verifier for one secret.
   *
   * @param secret the app's client secret (API secret key) or the store's webhook signing key
   * @return the verifier
   * @throws ValidationException naming {@code secret} when it is null or blank
   */
  public static WebhookSignature of(String secret) {
    return new WebhookSignature(List.of(key("secret", secret)));
  }

  /**
   * Returns a verifier that accepts signatures made with either secret, for the rotation window.
   *
   * @param current the secret Shopify signs with now
   * @param previous the secret being rotated out
   * @return the verifier
   * @throws ValidationException naming the argument that is null or blank
   */
  public static WebhookSignature rotating(String current, String previous) {
    List<SecretKeySpec> keys = new ArrayList<>(2);
    keys.add(key("current", current));
    keys.add(key("previous", previous));
    return new WebhookSignature(List.copyOf(keys));
  }

  private static SecretKeySpec key(String name, String secret) {
    if (secret == null || secret.isBlank()) {
      throw ValidationException.of(
          "WebhookSignature",
          name,
          null,
          "is required: the app's client secret (Partner Dashboard / Dev Dashboard) or the"
              + " webhook signing key shown under Settings > Notifications");
    }
    return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /**
   * Returns whether a signature header matches the raw body under one of the secrets.
   *
   * @param rawBody the request body exactly as received, before any parsing
   * @param signatureHeader the header's value, or {@code null} when the header is missing
   * @return {@code true} when it matches
   */
  public boolean verify(byte[] rawBody, String signatureHeader) {
    if (rawBody == null || signatureHeader == null) {
      return false;
    }
    byte[] given = signatureHeader.trim().getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    // Every key is tried even after a match, so timing does not tell which secret signed.
    for (SecretKeySpec key : keys) {
      byte[] expected = Base64.getEncoder().encode(hmac(key, rawBody));
      match |= MessageDigest.isEqual(expected, given);
    }
    return match;
  }

  /**
   * Returns the signature Shopify would send for a body under the first (current) secret; the fake
   * and tests use it.
   *
   * @param rawBody the body
   * @return the base64 HMAC-SHA256
   */
  public String sign(byte[] rawBody) {
    return Base64.getEncoder().encodeToString(hmac(keys.get(0), rawBody));
  }

  private static byte[] hmac(SecretKeySpec key, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java runtime ships HmacSHA256; a missing one is a broken JVM, not an input error.
      throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
    }
  }

  /**
   * Shows how many secrets are configured, never the secrets.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return "WebhookSignature[secrets=" + keys.size() + ", <redacted>]";
  }
}
