/** Every workflow the worker registers. Bundled by the Temporal SDK; deterministic code only. */
export { measureWorkflow } from './measure.workflow';
export { organizationNotifierWorkflow } from './notifier.workflow';
