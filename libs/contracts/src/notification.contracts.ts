/**
 * The one contracts module for the organization's notifier workflow: its id and input, the signal
 * that wakes it, and the activities it calls (implemented in apps/worker). Importable from
 * workflow code (no Node or framework imports).
 */
import { defineSignal } from '@temporalio/workflow';

export const NOTIFIER_WORKFLOW_TYPE = 'organizationNotifierWorkflow';

/** Deterministic: one notifier per organization. */
export function notifierWorkflowId(organizationCode: string): string {
  return `notifier/${organizationCode}`;
}

/** The single input of the notifier; new fields must be optional so running notifiers keep working. */
export interface NotifierWorkflowInput {
  organizationCode: string;
}

/** Something new to tell (a measure's change was written): plan again now. */
export const notifierWakeSignal = defineSignal<[]>('notifierWakeSignal');

export interface PlanNotificationsInput {
  organizationCode: string;
  /** The notifier's clock (the workflow's time): what is due by then is written. */
  now: string;
}

export interface PlannedNotifications {
  /** Mails and webhook posts written and not yet delivered, oldest first. */
  deliveries: DeliveryRef[];
  /** When a reminder or a digest next falls due; null: nothing until the next change. */
  nextAt: string | null;
}

export interface DeliveryRef {
  channel: 'mail' | 'webhook';
  id: string;
}

/** Activities the notifier calls; implemented in apps/worker. */
export interface NotifierActivities {
  /**
   * Turns what happened and what fell due (by `now`) into notifications, mails and webhook posts,
   * each under a stable id (written once however often this runs); answers what is to deliver.
   */
  planNotifications(input: PlanNotificationsInput): Promise<PlannedNotifications>;
  /** Delivers one mail or webhook post, once: one already delivered is left alone. */
  deliverNotification(ref: DeliveryRef): Promise<void>;
}
