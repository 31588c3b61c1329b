package dev.retailsync.benchmarks;

/**
 * {@code benchmarks/run erp-calls [CUSTOMERS]}: ERP API calls spent to upsert customers (default
 * 10,000) through each ERP connector against its in-process fake, which counts every call as the
 * ERP would, beside a one-call-per-record client against the same fake in the same run.
 */
final class ErpCallsBenchmark {
  private ErpCallsBenchmark() {}

  static void main(String[] args) {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Results results = new Results("erp-calls");
    BusinessCentralCalls.addRows(results, customers);
    FileCalls.addRows(results, customers);
    results.publish();
  }
}
