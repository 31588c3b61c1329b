package dev.retailsync.ecommerce.shopify.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Reads the recorded payloads under src/test/resources/wire/shopify. */
final class Wire {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SECRET = "wire-test-secret";

  private Wire() {}

  static byte[] bytes(String path) {
    try (InputStream in = Wire.class.getResourceAsStream("/wire/shopify/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded payload " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String path) {
    try {
      return JSON.readTree(bytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> headers(String path) {
    Properties p = new Properties();
    try (InputStream in = Wire.class.getResourceAsStream("/wire/shopify/" + path)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }
}
