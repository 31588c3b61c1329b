/**
 * The retail-sync API: the canonical model, identifiers, the change envelope, the connector SPI and
 * the exception tree.
 */
// "module": the core, the one module api.internal is exported to, is built after this one.
@SuppressWarnings("module")
module dev.retailsync.api {
  requires transitive jakarta.validation;
  requires transitive com.fasterxml.jackson.annotation;

  exports dev.retailsync.api;
  exports dev.retailsync.api.model;
  exports dev.retailsync.api.policy;
  exports dev.retailsync.api.spi;
  // Not API: shared with the core alone (the compact sorted field sets its write planner builds
  // are the ones WriteRequest and Change keep without copying).
  exports dev.retailsync.api.internal to
      dev.retailsync.core;

  // Canonical values are data: Jackson and the validation provider read them reflectively.
  opens dev.retailsync.api;
  opens dev.retailsync.api.model;
}
