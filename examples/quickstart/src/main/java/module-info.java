/** The retail-sync quick start: a host application that discovers and uses a connector. */
module dev.retailsync.examples.quickstart {
  requires transitive dev.retailsync.core;
  requires transitive dev.retailsync.salesforce;

  exports dev.retailsync.examples.quickstart;
}
