import { HealthIndicatorService } from '@nestjs/terminus';
import type { Client } from '@temporalio/client';
import { msNumberToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { loadConfig } from '@ita/config/app-config';
import type { TemporalClientProvider } from '../measures/temporal-client.provider';
import { workflowServiceUnavailable } from '../measures/temporal-errors';
import { lastPollAt, TemporalHealthIndicator } from './temporal-health.indicator';

const NOW = Date.parse('2026-12-02T02:00:00Z');
const poller = (agoMs: number) => ({ identity: `worker@host-${agoMs}`, lastAccessTime: msNumberToTs(NOW - agoMs) });

describe(lastPollAt.name, () => {
  it('is the latest poll of any poller, or null when none polled', () => {
    expect(lastPollAt([poller(40_000), poller(3_000), poller(120_000)])).toBe(NOW - 3_000);
    expect(lastPollAt([{ identity: 'never' }])).toBeNull();
    expect(lastPollAt([])).toBeNull();
  });
});

describe(TemporalHealthIndicator.name, () => {
  const config = loadConfig({ TEMPORAL_TASK_QUEUE: 'ita-test', READY_WORKER_POLL_SECONDS: '30' }, '/');
  let describeTaskQueue: jest.Mock;
  let getSystemInfo: jest.Mock;
  let sut: TemporalHealthIndicator;

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    describeTaskQueue = jest.fn();
    getSystemInfo = jest.fn();
    const client = { workflowService: { describeTaskQueue, getSystemInfo } } as unknown as Client;
    const provider = {
      call: (_id: string, fn: (c: Client) => Promise<unknown>) => fn(client),
    } as unknown as TemporalClientProvider;
    sut = new TemporalHealthIndicator(config, provider, new HealthIndicatorService());
  });
  afterEach(() => jest.useRealTimers());

  it('counts the worker as up while one polled the workflow task queue within the window', async () => {
    describeTaskQueue.mockResolvedValue({ pollers: [poller(50_000), poller(29_000)] });
    expect(await sut.worker('worker')).toEqual({
      worker: { status: 'up', taskQueue: 'ita-test', pollers: 2, lastPollAt: new Date(NOW - 29_000).toISOString() },
    });
    expect(describeTaskQueue).toHaveBeenCalledWith({
      namespace: 'default',
      taskQueue: { name: 'ita-test' },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
  });

  it('reports the worker down, saying why, when the pollers the server remembers are stale or there are none', async () => {
    describeTaskQueue.mockResolvedValue({ pollers: [poller(31_000)] });
    expect(await sut.worker('worker')).toEqual({
      worker: {
        status: 'down',
        taskQueue: 'ita-test',
        pollers: 1,
        lastPollAt: new Date(NOW - 31_000).toISOString(),
        message: 'no worker has polled task queue "ita-test" in the last 30 s',
      },
    });
    describeTaskQueue.mockResolvedValue({ pollers: [] });
    expect((await sut.worker('worker')).worker).toMatchObject({ status: 'down', pollers: 0, lastPollAt: null });
  });

  it('reports Temporal and the worker down, saying why, when Temporal does not answer or fails', async () => {
    getSystemInfo.mockRejectedValue(workflowServiceUnavailable('no answer within 5000 ms'));
    describeTaskQueue.mockRejectedValue(workflowServiceUnavailable('no answer within 5000 ms'));
    expect(await sut.server('temporal')).toEqual({
      temporal: {
        status: 'down',
        address: '127.0.0.1:7233',
        message: 'Temporal at 127.0.0.1:7233 did not answer within 5000 ms',
      },
    });
    expect(await sut.worker('worker')).toEqual({
      worker: {
        status: 'down',
        taskQueue: 'ita-test',
        message: 'cannot tell: Temporal at 127.0.0.1:7233 did not answer within 5000 ms',
      },
    });
    getSystemInfo.mockRejectedValue(new Error('namespace default is not found'));
    expect((await sut.server('temporal')).temporal).toMatchObject({
      status: 'down',
      message: 'namespace default is not found',
    });
  });

  it('reports Temporal up with its version', async () => {
    getSystemInfo.mockResolvedValue({ serverVersion: '1.29.1' });
    expect(await sut.server('temporal')).toEqual({
      temporal: { status: 'up', address: '127.0.0.1:7233', serverVersion: '1.29.1' },
    });
  });
});
