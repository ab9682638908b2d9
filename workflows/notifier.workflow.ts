/**
 * organizationNotifierWorkflow: one per organization, for as long as it has measures. It is the
 * durable clock of what people are told: it plans (an activity turns what happened and what fell
 * due into notifications, mails and webhook posts, each under a stable id), hands each delivery
 * to an activity that retries until the mail server takes it, and sleeps on a durable timer until
 * the next reminder or digest falls due, or until a measure's change wakes it (a signal the
 * projection sends with signalWithStart, which also starts it). Why here and not in the measure
 * workflow or a Schedule: docs/notifications.md.
 *
 * Deterministic: only the SDK and the contracts; all time comes from the workflow clock, and the
 * planning activity is told that time, so a replay meets the same decisions. A long history is cut
 * by continue-as-new once the server suggests it (or after PLANS_PER_RUN plans); nothing is
 * carried, as everything the notifier knows is in the database under stable ids.
 */
import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  DeliveryRef,
  NotifierActivities,
  NotifierWorkflowInput,
  notifierWakeSignal,
} from '../libs/contracts/src/notification.contracts';

/** Plans per run before it continues as new (each plan is a handful of history events). */
export const PLANS_PER_RUN = 500;
/** With nothing due, it still plans this often (a change whose signal was lost is then told late, not never). */
const IDLE_PLAN_MS = 60 * 60 * 1000;

/**
 * Planning and delivery retry without limit (a mail server may be down for hours: the mail
 * waits, it is not lost); a permanent refusal (an SMTP 5xx for the address) is not retried, and
 * is recorded by the activity.
 */
const { planNotifications, deliverNotification } = proxyActivities<NotifierActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function organizationNotifierWorkflow(input: NotifierWorkflowInput): Promise<void> {
  let woken = false;
  setHandler(notifierWakeSignal, () => {
    woken = true;
  });
  const inFlight = new Map<string, Promise<void>>();
  const deliver = (ref: DeliveryRef) => {
    const key = `${ref.channel}:${ref.id}`;
    if (inFlight.has(key)) return;
    const delivery = deliverNotification(ref)
      // Refused for good (recorded as failed by the activity), or cut short: a delivery still
      // pending in the database is handed out again by the next plan.
      .catch(() => undefined)
      .finally(() => inFlight.delete(key));
    inFlight.set(key, delivery);
  };

  for (let plans = 0; plans < PLANS_PER_RUN && !workflowInfo().continueAsNewSuggested; plans++) {
    woken = false;
    const planned = await planNotifications({
      organizationCode: input.organizationCode,
      now: new Date(Date.now()).toISOString(),
    });
    planned.deliveries.forEach(deliver);
    const until = planned.nextAt ? Date.parse(planned.nextAt) - Date.now() : IDLE_PLAN_MS;
    await condition(() => woken, Math.max(1, Math.min(until, IDLE_PLAN_MS)));
  }
  // Deliveries under way finish in this run; the next run plans again from the database.
  await Promise.all(inFlight.values());
  await continueAsNew<typeof organizationNotifierWorkflow>(input);
}
