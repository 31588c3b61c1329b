'use strict';
// Builds the pristine seed database at argv[2]: populate() into <db>.<pid>.tmp on port 0, add a
// second stock location and 25 customers with addresses, verify row counts, rename into place.
process.env.VENDURE_DISABLE_TELEMETRY = 'true';
const fs = require('fs');
const path = require('path');
const { buildConfig, testPaymentHandler } = require('./config');
const {
  bootstrap,
  RequestContextService,
  StockLocationService,
  CustomerService,
  TransactionalConnection,
  LanguageCode,
} = require('@vendure/core');
const { populate } = require('@vendure/core/cli');

const finalDb = process.argv[2];
const tmpDb = finalDb + '.' + process.pid + '.tmp';
const countries = ['FR', 'GB', 'US', 'CA', 'DE'];
const initialData = {
  defaultLanguage: LanguageCode.en,
  defaultZone: 'Europe',
  countries: [
    { name: 'Germany', code: 'DE', zone: 'Europe' },
    { name: 'France', code: 'FR', zone: 'Europe' },
    { name: 'United Kingdom', code: 'GB', zone: 'Europe' },
    { name: 'United States of America', code: 'US', zone: 'Americas' },
    { name: 'Canada', code: 'CA', zone: 'Americas' },
  ],
  taxRates: [
    { name: 'Standard Tax', percentage: 20 },
    { name: 'Reduced Tax', percentage: 10 },
    { name: 'Zero Tax', percentage: 0 },
  ],
  shippingMethods: [
    { name: 'Standard Shipping', price: 500 },
    { name: 'Express Shipping', price: 1000 },
  ],
  paymentMethods: [{ name: 'Standard Payment', handler: { code: testPaymentHandler.code, arguments: [] } }],
  collections: [],
};

async function main() {
  const app = await populate(
    () => bootstrap(buildConfig({ dbFile: tmpDb, port: 0 })),
    initialData,
    path.join(__dirname, 'products.csv'),
  );
  const ctx = await app.get(RequestContextService).create({ apiType: 'admin' });
  await app.get(StockLocationService).create(ctx, { name: 'Warehouse East', description: 'second location' });
  const customers = app.get(CustomerService);
  for (let i = 1; i <= 25; i++) {
    const nn = String(i).padStart(2, '0');
    const c = await customers.create(ctx, {
      firstName: 'Seed',
      lastName: 'Customer' + nn,
      emailAddress: 'seed.customer' + nn + '@example.com',
      phoneNumber: '+49 30 1000' + nn,
    });
    if (!c.id) throw new Error('customer ' + nn + ': ' + JSON.stringify(c));
    await customers.createAddress(ctx, c.id, {
      fullName: 'Seed Customer' + nn,
      streetLine1: i + ' Seed Street',
      city: 'Berlin',
      postalCode: '101' + nn,
      countryCode: countries[(i - 1) % countries.length],
      defaultShippingAddress: true,
      defaultBillingAddress: true,
    });
  }
  const db = app.get(TransactionalConnection).rawConnection;
  const expected = {
    product: 4, product_variant: 9, stock_location: 2, shipping_method: 2,
    payment_method: 1, tax_rate: 6, customer: 25,
  };
  const shortfalls = [];
  for (const [table, n] of Object.entries(expected)) {
    const rows = await db.query('SELECT COUNT(*) AS n FROM "' + table + '"');
    const got = Number(rows[0].n);
    if (got < n) shortfalls.push(table + ': ' + got + ' < ' + n);
  }
  await app.close();
  if (shortfalls.length) {
    fs.rmSync(tmpDb, { force: true });
    throw new Error('seed incomplete: ' + shortfalls.join(', '));
  }
  fs.renameSync(tmpDb, finalDb);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    fs.rmSync(tmpDb, { force: true });
    process.exit(1);
  },
);
