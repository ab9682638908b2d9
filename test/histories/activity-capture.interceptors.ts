/**
 * Workflow-side interceptor for the replay test: hands every activity the replayed workflow
 * schedules, with its arguments, to a sink that is called during replay too, so the test can
 * compare what today's code would project with what the history recorded. Bundled with the
 * workflow code; imports only the workflow SDK.
 */
import {
  ActivityInput,
  Next,
  proxySinks,
  Sinks,
  WorkflowInterceptorsFactory,
  WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

export interface ActivityCaptureSinks extends Sinks {
  replayCapture: { scheduled(activityType: string, args: unknown[]): void };
}

const { replayCapture } = proxySinks<ActivityCaptureSinks>();

class ActivityCapture implements WorkflowOutboundCallsInterceptor {
  scheduleActivity(
    input: ActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>,
  ): Promise<unknown> {
    replayCapture.scheduled(input.activityType, input.args);
    return next(input);
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ outbound: [new ActivityCapture()] });
