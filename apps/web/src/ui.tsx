/** Shared pieces: page frame, status badges (traffic lights with words, never colour alone), errors naming their fields. */
import type { ReactNode } from 'react';
import type { ApiProblem } from './api/client';
import { useCommon } from './i18n';

export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{title}</h1>
        {actions}
      </header>
      {children}
    </section>
  );
}

export type Light = 'green' | 'amber' | 'red' | 'grey' | 'blue';

export function Badge({ light, children }: { light: Light; children: ReactNode }) {
  return (
    <span className={`badge badge-${light}`}>
      <span className="dot" aria-hidden="true" />
      {children}
    </span>
  );
}

const TASK_LIGHT: Record<string, Light> = {
  open: 'blue',
  submitted: 'amber',
  returned: 'red',
  approved: 'green',
  withdrawn: 'grey',
  'not-done': 'red',
  'not-decided': 'grey',
};
const REPORT_LIGHT: Record<string, Light> = {
  open: 'blue',
  submitted: 'amber',
  returned: 'red',
  approved: 'green',
  'not-delivered': 'red',
  'not-decided': 'grey',
};
export const QUARTER_LIGHT: Record<string, Light> = {
  'not-started': 'grey',
  'in-progress': 'amber',
  complete: 'green',
  overdue: 'red',
  'no-steps': 'grey',
};

export function TaskStatus({ status, overdue }: { status: string; overdue?: boolean }) {
  const c = useCommon();
  return (
    <>
      {<Badge light={TASK_LIGHT[status] ?? 'grey'}>{c.taskStatus[status] ?? status}</Badge>}
      {overdue && <Badge light="red">{c.overdue}</Badge>}
    </>
  );
}

export function ReportStatus({ status, overdue }: { status: string; overdue?: boolean }) {
  const c = useCommon();
  return (
    <>
      {<Badge light={REPORT_LIGHT[status] ?? 'grey'}>{c.reportStatus[status] ?? status}</Badge>}
      {overdue && <Badge light="red">{c.overdue}</Badge>}
    </>
  );
}

/** An API refusal: its message and every field it names. */
export function ErrorNote({ problem }: { problem: ApiProblem | null }) {
  if (!problem) return null;
  return (
    <div className="error" role="alert">
      <p>{problem.message}</p>
      {!!problem.problems?.length && (
        <ul>
          {problem.problems.map((p, i) => (
            <li key={i}>
              <code>{p.path}</code>: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A workbook's problems, each at its cell (`ITA ข้อคำถาม (Items)!C5`), as the API names them. */
export function CellProblems({
  problems,
  headings,
}: {
  problems: Array<{ path: string; message: string }>;
  headings: { cell: string; problem: string };
}) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{headings.cell}</th>
            <th scope="col">{headings.problem}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td>
                <code>{p.path}</code>
              </td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Loading() {
  return (
    <p className="muted" role="status">
      {useCommon().loading}
    </p>
  );
}

export function Empty() {
  return <p className="muted">{useCommon().none}</p>;
}
