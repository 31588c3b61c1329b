package dev.retailsync.ecommerce.shopify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ValidationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Shopify's published HMAC test vector and the ways real verifiers get it wrong. */
class WebhookSignatureTest {
  // Shopify/shopify-app-js: lib/__tests__/test-config.ts (apiSecretKey) and
  // lib/webhooks/__tests__/validate.test.ts (rawBody and the expected header).
  private static final String SECRET = "test_secret_key";
  private static final byte[] BODY = "{\"foo\": \"bar\"}".getBytes(StandardCharsets.UTF_8);
  private static final String EXPECTED = "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=";

  @Test
  void shopifysPublishedVectorVerifies() {
    assertEquals(14, BODY.length);
    assertEquals(EXPECTED, WebhookSignature.of(SECRET).sign(BODY));
    assertTrue(WebhookSignature.of(SECRET).verify(BODY, EXPECTED));
  }

  @Test
  void everyOneByteChangeOfTheBodyFails() {
    WebhookSignature sig = WebhookSignature.of(SECRET);
    for (int i = 0; i < BODY.length; i++) {
      byte[] changed = BODY.clone();
      changed[i] ^= 0x01;
      assertFalse(sig.verify(changed, EXPECTED), "byte " + i);
    }
  }

  @Test
  void oneByteChangeOfTheSignatureFails() {
    WebhookSignature sig = WebhookSignature.of(SECRET);
    char[] c = EXPECTED.toCharArray();
    c[5] = c[5] == 'A' ? 'B' : 'A';
    assertFalse(sig.verify(BODY, new String(c)));
  }

  @Test
  void hexDigestCaseChangeAndReserialisedBodyFail() {
    WebhookSignature sig = WebhookSignature.of(SECRET);
    assertFalse(
        sig.verify(BODY, "076ded5cdebcd60674a8858d46b82dcc113d5d20e8e72694bbac1f9a1bb76bb8"));
    assertFalse(sig.verify(BODY, EXPECTED.toLowerCase(java.util.Locale.ROOT)));
    byte[] reserialised = "{\"foo\":\"bar\"}".getBytes(StandardCharsets.UTF_8);
    assertFalse(sig.verify(reserialised, EXPECTED));
    assertTrue(sig.verify(reserialised, "1kjVjZBASoDr0j4pTeXLurkG6u87OrkQXzf+h707p2w="));
  }

  @Test
  void nonAsciiBodyIsSignedOverItsUtf8BytesAndAReencodingFails() {
    WebhookSignature sig = WebhookSignature.of(SECRET);
    String text = "{\"city\": \"Zürich\", \"note\": \"Grüße 🎁\"}";
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    String header = sig.sign(utf8);
    assertTrue(sig.verify(utf8, header));
    assertFalse(sig.verify(text.getBytes(StandardCharsets.ISO_8859_1), header));
    assertFalse(sig.verify(text.getBytes(StandardCharsets.UTF_16), header));
  }

  @Test
  void wrongSecretAndMissingHeaderFail() {
    assertFalse(WebhookSignature.of("another_secret").verify(BODY, EXPECTED));
    assertFalse(WebhookSignature.of(SECRET).verify(BODY, null));
  }

  @Test
  void rotationAcceptsCurrentAndPreviousSecretOnly() {
    WebhookSignature rotating = WebhookSignature.rotating("new_secret", SECRET);
    assertTrue(rotating.verify(BODY, EXPECTED));
    assertTrue(rotating.verify(BODY, WebhookSignature.of("new_secret").sign(BODY)));
    assertFalse(rotating.verify(BODY, WebhookSignature.of("third_secret").sign(BODY)));
    assertEquals(WebhookSignature.of("new_secret").sign(BODY), rotating.sign(BODY));
  }

  @Test
  void blankSecretIsRefusedNamingTheArgument() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> WebhookSignature.rotating("x", " "));
    assertEquals("previous", e.errors().get(0).path());
  }

  @Test
  void toStringNeverShowsASecret() {
    String s = WebhookSignature.rotating("new_secret", SECRET).toString();
    assertFalse(s.contains("new_secret"));
    assertFalse(s.contains(SECRET));
  }
}
