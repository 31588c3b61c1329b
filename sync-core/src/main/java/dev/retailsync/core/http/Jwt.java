package dev.retailsync.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs JSON Web Tokens with RS256, for OAuth assertions (Salesforce's JWT bearer flow, NetSuite's
 * client-credentials assertion). Uses the JDK's {@link Signature}; the key never leaves it.
 */
public final class Jwt {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Jwt() {}

  /**
   * Returns a signed JWT.
   *
   * @param key the RSA private key
   * @param keyId the {@code kid} header (NetSuite needs the certificate id), or {@code null}
   * @param claims the claims, such as {@code iss}, {@code sub}, {@code aud}, {@code exp}
   * @return the compact serialization {@code header.claims.signature}
   * @throws IllegalArgumentException if the key cannot sign with RS256
   */
  public static String rs256(PrivateKey key, String keyId, Map<String, Object> claims) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    if (keyId != null) {
      header.put("kid", keyId);
    }
    try {
      String signingInput =
          B64.encodeToString(JSON.writeValueAsBytes(header))
              + "."
              + B64.encodeToString(JSON.writeValueAsBytes(claims));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(rsa.sign());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("claims are not JSON: " + e.getOriginalMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with RS256: " + e.getMessage(), e);
    }
  }
}
