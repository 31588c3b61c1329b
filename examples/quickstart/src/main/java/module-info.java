/** The retail-sync quick start: a host application that discovers and uses a connector. */
// H2 ships only an Automatic-Module-Name; it is the embedded database the quick start runs on.
@SuppressWarnings("requires-automatic")
module dev.retailsync.examples.quickstart {
  requires transitive dev.retailsync.core;
  requires transitive dev.retailsync.salesforce;
  requires transitive dev.retailsync.ecommerce;
  requires transitive dev.retailsync.erp;
  requires com.h2database;

  exports dev.retailsync.examples.quickstart;
}
