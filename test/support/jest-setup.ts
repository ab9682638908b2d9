/** Integration tests: keep the Temporal worker's own logging to warnings, so failures stand out. */
import { DefaultLogger, Runtime } from '@temporalio/worker';

Runtime.install({ logger: new DefaultLogger('WARN') });
