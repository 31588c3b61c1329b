/**
 * {@link dev.retailsync.erp.s4hana.fake.FakeS4Hana}: an in-process emulation of the S/4HANA OData
 * v2 APIs at the OkHttp level, with inspectable state and scripted faults, for unit tests without a
 * live SAP system. It needs no test library at runtime.
 */
package dev.retailsync.erp.s4hana.fake;
