/**
 * The connector conformance kit: a JUnit 5 test class a connector's own tests extend to prove it
 * honours the SPI.
 */
module dev.retailsync.testkit {
  requires transitive dev.retailsync.api;
  requires transitive org.junit.jupiter.api;

  exports dev.retailsync.testkit;
}
