/** The retail-sync core: everything that runs on top of the API. */
module dev.retailsync.core {
  requires transitive dev.retailsync.api;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.hibernate.validator;
  requires org.slf4j;

  exports dev.retailsync.core.json;
  exports dev.retailsync.core.validation;

  opens dev.retailsync.core.json to
      com.fasterxml.jackson.databind;
}
