/** The retail-sync core: everything that runs on top of the API. */
// libphonenumber ships no module-info, only an Automatic-Module-Name; it is the library DESIGN.md
// names for phone numbers, so the automatic-module warning is accepted for it alone.
@SuppressWarnings("requires-automatic")
module dev.retailsync.core {
  requires transitive dev.retailsync.api;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.hibernate.validator;
  requires org.slf4j;
  requires transitive okhttp3;
  requires transitive java.sql;
  requires com.google.i18n.phonenumbers.libphonenumber;
  requires org.apache.commons.text;
  requires org.apache.commons.codec;
  requires dev.failsafe.core;
  requires com.github.benmanes.caffeine;

  exports dev.retailsync.core;
  exports dev.retailsync.core.cache;
  exports dev.retailsync.core.deadletter;
  exports dev.retailsync.core.engine;
  exports dev.retailsync.core.golden;
  exports dev.retailsync.core.http;
  exports dev.retailsync.core.idempotency;
  exports dev.retailsync.core.identity;
  exports dev.retailsync.core.json;
  exports dev.retailsync.core.observability;
  exports dev.retailsync.core.resilience;
  exports dev.retailsync.core.state;
  exports dev.retailsync.core.validation;

  uses dev.retailsync.api.spi.ConnectorProvider;

  opens dev.retailsync.core.json to
      com.fasterxml.jackson.databind;
}
