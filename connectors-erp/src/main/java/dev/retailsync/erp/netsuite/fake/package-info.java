/**
 * {@link dev.retailsync.erp.netsuite.fake.FakeNetSuite}: an in-process emulation of a NetSuite
 * account's SuiteTalk REST API (token endpoint, record service, SuiteQL) as an OkHttp interceptor,
 * with inspectable state and scripted faults, for unit tests without a live account.
 */
package dev.retailsync.erp.netsuite.fake;
