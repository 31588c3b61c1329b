/**
 * The connector conformance kit. Extend {@link dev.retailsync.testkit.ConnectorConformanceKit} in a
 * connector's test sources, answer its few questions (how to build the connector against a fresh
 * remote, a valid record, a changed record, optionally an invalid one and scripted faults), and the
 * kit's tests check what every connector must do.
 */
package dev.retailsync.testkit;
