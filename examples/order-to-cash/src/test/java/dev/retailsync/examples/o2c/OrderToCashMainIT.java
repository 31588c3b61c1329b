package dev.retailsync.examples.o2c;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.ecommerce.vendure.RealVendure;
import dev.retailsync.ecommerce.vendure.VendureTestServer;
import dev.retailsync.ecommerce.vendure.VendureTestShop;
import dev.retailsync.erp.tryton.RealTryton;
import dev.retailsync.erp.tryton.TrytonTestServer;
import dev.retailsync.erp.tryton.TrytonWarehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runnable example as a user starts it: {@link OrderToCash#main} with the connection settings
 * as system properties, against the real servers, run twice on one state directory.
 */
@RealTryton
@RealVendure
class OrderToCashMainIT {
  @Test
  void mainRunsEveryStepAndASecondRunResumes(TrytonTestServer tryton, VendureTestServer vendure)
      throws Exception {
    VendureTestShop shop = VendureTestShop.of(vendure);
    String sku = shop.skus().get(0);
    try (TrytonWarehouse warehouse = new TrytonWarehouse(tryton)) {
      warehouse.ensureProduct(sku, new BigDecimal("19.99"), new BigDecimal("20"));
    }
    TrytonMasterData.ensureCountry(tryton, "CA", "Canada");
    // a customer of the seed orders; the first run takes it to Tryton as a confirmed sale
    Map<String, Integer> quantities = new LinkedHashMap<>();
    quantities.put(sku, 1);
    shop.placeOrder("seed.customer01@example.com", quantities);

    Path base = Path.of(System.getProperty("o2c.stateDir", "target/o2c-state"));
    Files.createDirectories(base);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("o2c.vendure.adminApiUrl", vendure.adminApiUrl());
    settings.put("o2c.vendure.apiKey", vendure.apiKey());
    settings.put("o2c.tryton.url", tryton.baseUrl());
    settings.put("o2c.tryton.database", tryton.database());
    settings.put("o2c.tryton.login", tryton.login());
    settings.put("o2c.tryton.password", tryton.password());
    settings.put("o2c.stateDir", Files.createTempDirectory(base, "main-").toString());
    PrintStream console = System.out;
    settings.forEach(System::setProperty);
    try {
      String first = run();
      console.print(first);
      for (String step : OrderToCash.STEPS) {
        assertTrue(first.contains("step " + step + ":"), first);
      }
      assertTrue(first.contains("tryton     order     created 1"), first);
      assertTrue(first.contains("open dead letters: 0"), first);
      assertFalse(first.contains(vendure.apiKey()), "the API key is never printed");
      assertFalse(first.contains(tryton.password()), "the password is never printed");

      String second = run();
      console.print(second);
      assertTrue(
          second.contains("step " + OrderToCash.ORDERS + ": 0 changes"),
          "the second run resumes from the saved cursor: " + second);
      assertTrue(second.contains("open dead letters: 0"), second);
    } finally {
      System.setOut(console);
      settings.keySet().forEach(System::clearProperty);
    }
  }

  private static String run() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream console = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      OrderToCash.main(new String[0]);
    } finally {
      System.setOut(console);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
