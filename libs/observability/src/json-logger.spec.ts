import { createJsonLogger, REDACTED } from './json-logger';

describe(createJsonLogger.name, () => {
  const capture = () => {
    const lines: string[] = [];
    return {
      lines,
      destination: {
        write: (line: string) => {
          lines.push(line);
        },
      },
    };
  };

  it('writes one JSON line per event, with the level by name, an ISO time and the service', () => {
    const { lines, destination } = capture();
    const sut = createJsonLogger('worker', 'info', destination);
    sut.info({ context: 'Test' }, 'hello');
    sut.debug('not written at info');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 'info',
      service: 'worker',
      context: 'Test',
      msg: 'hello',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('redacts credentials in an object logged by mistake', () => {
    const { lines, destination } = capture();
    const sut = createJsonLogger('api', 'info', destination);
    sut.info(
      {
        body: { username: 'u', password: 'pw-123' },
        refreshToken: 'rt-456',
        headers: { authorization: 'Bearer tok-789', cookie: 'sid=c-0' },
      },
      'oops',
    );
    expect(lines[0]).not.toMatch(/pw-123|rt-456|tok-789|c-0/);
    expect(JSON.parse(lines[0])).toMatchObject({
      body: { username: 'u', password: REDACTED },
      refreshToken: REDACTED,
      headers: { authorization: REDACTED, cookie: REDACTED },
    });
  });
});
