/**
 * How the projection wakes an organization's notifier: signalWithStart through the worker's own
 * client (the activity context's), so the notifier is started by the first change that tells
 * anyone and woken by every later one. One notifier per organization (its workflow id).
 */
import { Context } from '@temporalio/activity';
import {
  NOTIFIER_WORKFLOW_TYPE,
  notifierWakeSignal,
  notifierWorkflowId,
  type NotifierWorkflowInput,
} from '@ita/contracts/notification.contracts';
import type { NotifierWaker } from './measure-projection.activities';

export function notifierWaker(taskQueue: string): NotifierWaker {
  return async (organizationCode) => {
    const input: NotifierWorkflowInput = { organizationCode };
    await Context.current().client.workflow.signalWithStart(NOTIFIER_WORKFLOW_TYPE, {
      workflowId: notifierWorkflowId(organizationCode),
      taskQueue,
      args: [input],
      signal: notifierWakeSignal,
      signalArgs: [],
    });
  };
}
