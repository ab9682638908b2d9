/** The contracts of the probes: liveness, and readiness by component (terminus' shape). */
import { z } from 'zod';
import { component, instant, int, text } from '../http/schema';

export const Health = component(
  'Health',
  z.object({ status: z.literal('ok'), database: text('database type, e.g. better-sqlite3, mysql') }),
);

export const ComponentHealth = component(
  'ComponentHealth',
  z.object({
    status: z.enum(['up', 'down']),
    message: text('why it is down').optional(),
    address: text('the Temporal server').optional(),
    serverVersion: z.string().optional(),
    taskQueue: z.string().optional(),
    pollers: int('pollers the server remembers (up to minutes after they are gone)').optional(),
    lastPollAt: instant('the latest poll of any of them').nullable().optional(),
  }),
);

const components = z.object({
  database: ComponentHealth.optional(),
  temporal: ComponentHealth.optional(),
  worker: ComponentHealth.optional(),
});
export const Readiness = component(
  'Readiness',
  z.object({
    status: z.enum(['ok', 'error', 'shutting_down']),
    info: components.describe('the components that are up').optional(),
    error: components.describe('the components that are down').optional(),
    details: z
      .object({ database: ComponentHealth, temporal: ComponentHealth, worker: ComponentHealth })
      .describe('every component'),
  }),
  'GET /api/health/ready (200 ok, 503 error): the database, the Temporal server, and a worker polling the task queue',
);
