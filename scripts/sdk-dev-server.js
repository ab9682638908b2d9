// Fallback for machines without Go but with internet: the Temporal SDK downloads its own CLI and
// runs the dev server with the same settings scripts/run.sh gives the pinned build.
//   node scripts/sdk-dev-server.js PORT UI_PORT DB_FILE
const { TestWorkflowEnvironment } = require('@temporalio/testing');

const [port, uiPort, dbFilename] = process.argv.slice(2);
TestWorkflowEnvironment.createLocal({
  server: {
    ip: '127.0.0.1',
    port: Number(port),
    ui: true,
    uiPort: Number(uiPort),
    dbFilename,
    log: { format: 'pretty', level: 'warn' },
  },
}).then(
  (env) => {
    console.log(`[ita] Temporal dev server (SDK download) on 127.0.0.1:${port}, UI on ${uiPort}`);
    const stop = () => env.teardown().finally(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (error) => {
    console.error(`[ita] could not start a Temporal dev server: ${error.message}`);
    process.exit(1);
  },
);
