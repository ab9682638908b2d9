/** Temporal connection settings shared by the api (client) and the worker, from AppConfig. */
import type { AppConfig } from '../../config/src/app-config';

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
}

export function temporalSettings(config: AppConfig): TemporalSettings {
  return {
    address: config.temporal.address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
  };
}

/** Workflow code for the worker: the bundler takes the TypeScript source under test, the compiled JS in production. */
export const WORKFLOWS_PATH = require.resolve('../../../workflows');
