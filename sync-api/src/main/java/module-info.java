/**
 * The retail-sync API: the canonical model, identifiers, the change envelope, the connector SPI and
 * the exception tree.
 */
module dev.retailsync.api {
  requires transitive jakarta.validation;
  requires transitive com.fasterxml.jackson.annotation;

  exports dev.retailsync.api;
  exports dev.retailsync.api.model;
  exports dev.retailsync.api.policy;
  exports dev.retailsync.api.spi;

  // Canonical values are data: Jackson and the validation provider read them reflectively.
  opens dev.retailsync.api;
  opens dev.retailsync.api.model;
}
