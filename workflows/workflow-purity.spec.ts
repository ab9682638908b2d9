/** The lint rule that keeps workflow code deterministic must actually fire. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
/** Runs the project's own ESLint (its real config) on `code` as if it were `file`; returns the rules hit. */
const lint = async (code: string, file: string): Promise<Array<string | null>> => {
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'),
      '--stdin',
      '--stdin-filename',
      file,
      '--format',
      'json',
    ],
    { cwd: root, input: code, encoding: 'utf8' },
  );
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null }> }>;
  return result.messages.map((m) => m.ruleId);
};

describe('workflow purity lint rule', () => {
  it.each([
    ["import { DataSource } from 'typeorm';"],
    ["import { Injectable } from '@nestjs/common';"],
    ["import * as fs from 'node:fs';"],
    ["import { Client } from '@temporalio/client';"],
    ["import { PlanRepository } from '../libs/persistence/src/plan.repository';"],
  ])('rejects `%s` under workflows/', async (line) => {
    expect(await lint(`${line}\nexport const x = 1;\n`, 'workflows/probe.workflow.ts')).toContain(
      'no-restricted-imports',
    );
  });

  it('rejects timers that bypass the workflow clock', async () => {
    expect(await lint('setTimeout(() => undefined, 1);\n', 'workflows/probe.workflow.ts')).toContain(
      'no-restricted-globals',
    );
  });

  it('allows the SDK, the contracts and pure domain code, and does not apply outside workflows/', async () => {
    const allowed =
      "import { sleep } from '@temporalio/workflow';\nimport { fiscalCalendar } from '../libs/domain/src/fiscal-calendar';\nexport const x = [sleep, fiscalCalendar];\n";
    expect(await lint(allowed, 'workflows/probe.workflow.ts')).toEqual([]);
    expect(
      await lint("import { DataSource } from 'typeorm';\nexport const x = DataSource;\n", 'apps/api/src/probe.ts'),
    ).toEqual([]);
  });
});
