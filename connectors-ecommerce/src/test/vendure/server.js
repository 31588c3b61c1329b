'use strict';
// Starts Vendure on VENDURE_PORT with the database VENDURE_DB; writes its own pid to
// VENDURE_PID_FILE first thing. Stop it with SIGTERM (bootstrap() installs Nest's shutdown hooks).
const fs = require('fs');
if (process.env.VENDURE_PID_FILE) fs.writeFileSync(process.env.VENDURE_PID_FILE, String(process.pid));
const { buildConfig } = require('./config');
const { bootstrap, JobQueueService } = require('@vendure/core');

const port = Number(process.env.VENDURE_PORT);
const dbFile = process.env.VENDURE_DB;
if (!port || !dbFile) {
  console.error('VENDURE_PORT and VENDURE_DB are required');
  process.exit(2);
}
bootstrap(buildConfig({ dbFile, port }))
  .then((app) => app.get(JobQueueService).start())
  .catch((e) => {
    console.error('vendure failed to start', e);
    process.exit(1);
  });
