'use strict';
// Vendure 3.7 configuration for connectors-ecommerce's real-server tests: loopback, sql.js,
// bearer and API-key auth, externalId custom fields, a payment handler that settles refunds.
process.env.VENDURE_DISABLE_TELEMETRY = 'true';
const {
  DefaultLogger,
  LogLevel,
  PaymentMethodHandler,
  LanguageCode,
} = require('@vendure/core');

const testPaymentHandler = new PaymentMethodHandler({
  code: 'retail-sync-test-payment',
  description: [{ languageCode: LanguageCode.en, value: 'Settles payments and refunds (tests)' }],
  args: {},
  createPayment: async (ctx, order, amount, args, metadata) => ({
    amount,
    state: 'Settled',
    transactionId: 'test-' + Date.now().toString(36),
    metadata,
  }),
  settlePayment: async () => ({ success: true }),
  cancelPayment: async () => ({ success: true }),
  createRefund: async (ctx, input, amount, order, payment) => ({
    state: 'Settled',
    transactionId: 'refund-' + payment.id + '-' + Date.now().toString(36),
  }),
});

const externalId = [{ name: 'externalId', type: 'string', nullable: true, public: false }];

function buildConfig({ dbFile, port }) {
  return {
    apiOptions: {
      hostname: '127.0.0.1',
      port,
      adminApiPath: 'admin-api',
      shopApiPath: 'shop-api',
      adminApiPlayground: false,
      shopApiPlayground: false,
      introspection: true,
    },
    authOptions: {
      tokenMethod: ['bearer', 'api-key'],
      requireVerification: false,
      superadminCredentials: { identifier: 'superadmin', password: 'superadmin' },
      cookieOptions: { secret: 'retail-sync-loopback-test' },
    },
    dbConnectionOptions: { type: 'sqljs', location: dbFile, autoSave: true, synchronize: true },
    paymentOptions: { paymentMethodHandlers: [testPaymentHandler] },
    customFields: { Customer: externalId, Order: externalId, ProductVariant: externalId },
    logger: new DefaultLogger({ level: LogLevel.Warn }),
    plugins: [],
  };
}

module.exports = { buildConfig, testPaymentHandler };
