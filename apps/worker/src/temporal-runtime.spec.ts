import pino from 'pino';
import { PinoTemporalLogger } from './temporal-runtime';

describe(PinoTemporalLogger.name, () => {
  const capture = () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino(
      { level: 'debug' },
      {
        write: (line: string) => {
          lines.push(JSON.parse(line));
        },
      },
    );
    return { lines, sut: new PinoTemporalLogger(logger) };
  };

  it("writes the SDK's lines at their level with their metadata, and an error with its stack", () => {
    const { lines, sut } = capture();
    sut.info('Worker state changed', { state: 'RUNNING', sdkComponent: 'worker', [Symbol('ts')]: 1n });
    sut.log('WARN', 'Activity failed', { error: new Error('boom'), activityType: 'project' });
    sut.trace('dropped below debug');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'Worker state changed',
      state: 'RUNNING',
      sdkComponent: 'worker',
    });
    expect(lines[1]).toMatchObject({
      level: 40,
      msg: 'Activity failed',
      activityType: 'project',
      err: { message: 'boom', stack: expect.stringContaining('Error: boom') },
    });
  });
});
