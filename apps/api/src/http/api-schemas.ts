/**
 * The JSON schemas of the API's answers, as named OpenAPI components. Handlers return plain
 * objects, so these are written out by hand from what the services return; the web app's client
 * is generated from them, so they must match (nullable where a value can be null, required where
 * a field is always present). Controllers point at them with ref('Task'), pageRef('Task').
 */
import { DELEGATION_KINDS, ROLES } from '@ita/domain/access/actor';
import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiResponse, OpenAPIObject } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { DomainErrorCode } from '@ita/domain/domain-error';
import { PROGRESS } from '@ita/domain/measure/measure.types';
import {
  ASSESSMENT_TOOLS,
  CADENCES,
  GRADES,
  PRIORITIES,
  RECIPIENTS,
  STAKEHOLDER_GROUPS,
} from '@ita/domain/plan/plan.types';

type Schema = SchemaObject | ReferenceObject;
type Properties = Record<string, Schema>;

const $ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const described = <T extends Schema>(schema: T, description?: string): T =>
  description ? { ...schema, description } : schema;
const str = (description?: string): SchemaObject => described({ type: 'string' }, description);
const int = (description?: string): SchemaObject => described({ type: 'integer' }, description);
const num = (description?: string): SchemaObject => described({ type: 'number' }, description);
const bool = (description?: string): SchemaObject => described({ type: 'boolean' }, description);
const instant = (description?: string): SchemaObject => described({ type: 'string', format: 'date-time' }, description);
const day = (description?: string): SchemaObject => described({ type: 'string', format: 'date' }, description);
const oneOf = (values: readonly string[], description?: string): SchemaObject =>
  described({ type: 'string', enum: [...values] }, description);
const list = (items: Schema, description?: string): SchemaObject => described({ type: 'array', items }, description);
/** Any JSON value (a recorded before/after state). */
const anyJson = (description?: string): SchemaObject => described({ nullable: true }, description);
/** The same schema, or null; a reference is wrapped, since siblings of $ref are ignored. */
const orNull = (schema: Schema): SchemaObject =>
  '$ref' in schema ? { allOf: [schema], nullable: true } : { ...schema, nullable: true };
/** An object whose every property is required, except those named in `optional`. */
const obj = (properties: Properties, optional: string[] = [], description?: string): SchemaObject =>
  described(
    { type: 'object', properties, required: Object.keys(properties).filter((k) => !optional.includes(k)) },
    description,
  );

/** A page of a list: the items, how many match in all, and which page this is. */
export function pageOf(item: Schema): SchemaObject {
  return obj({
    items: list(item),
    total: int('items matching the filter, on all pages'),
    page: int('1-based'),
    pageSize: int(),
  });
}

// --- shared pieces ------------------------------------------------------------------------------

const TASK_STATUSES = ['open', 'submitted', 'returned', 'approved', 'withdrawn'] as const;
const REPORT_STATUSES = ['open', 'submitted', 'returned', 'approved'] as const;
const QUARTER_STATUSES = ['not-started', 'in-progress', 'complete', 'overdue', 'no-steps'] as const;

const unitRef = obj({ code: str(), name: str() });
const cadenceInForce = obj(
  {
    cadence: $ref('Cadence'),
    since: instant('set for a cadence added by an amendment: earlier periods are not reported'),
  },
  ['since'],
);
const reviewed = {
  submittedAt: instant(),
  submittedBy: str('username'),
  decidedAt: instant('approved or returned at'),
  decidedBy: str('username'),
};
const nullableReviewed = Object.fromEntries(Object.entries(reviewed).map(([k, v]) => [k, orNull(v)]));
const actor = (roles: readonly string[], id: string) => obj({ id: str(id), role: oneOf(roles), unit: orNull(str()) });
const escalationStateProps = {
  round: int('the delivery round (absent: 1); a returned report late again escalates in a new round'),
  level: int('1 on the first escalation, +1 on each repeat'),
  firstAt: instant(),
  lastAt: instant(),
  nextAt: instant(),
  resolvedAt: instant(),
};
const workflowRef = obj({ measureCode: str(), workflowId: str() });

const errorProps: Properties = {
  statusCode: int('the HTTP status'),
  code: oneOf([...Object.values(DomainErrorCode), 'BAD_REQUEST_BODY']),
  message: str('in English, for people'),
  problems: list($ref('FieldProblem'), 'each problem, naming the field it is about'),
};

const measureBaseProps: Properties = {
  code: str(),
  title: str(),
  stakeholderGroup: oneOf(STAKEHOLDER_GROUPS),
  priority: oneOf(PRIORITIES),
  indicator: int('ITA indicator number (1–10)'),
  incomplete: bool('incomplete in the plan: it cannot run'),
  items: list(obj({ code: str('ITA item, e.g. I7'), score: num(), grade: $ref('Grade') }, ['score', 'grade'])),
  stepCount: int(),
  quarters: list($ref('Quarter'), 'the quarters any step runs in, ascending'),
  responsibleUnits: list(obj({ code: str('a unit code, or ALL'), name: str(), nameEn: orNull(str()) })),
  cadences: list(obj({ cadence: $ref('Cadence'), label: str('Thai'), labelEn: str() })),
};

const delegationProps: Properties = {
  id: int(),
  kind: oneOf(DELEGATION_KINDS),
  unitCode: orNull(str('the unit of an acting head')),
  delegator: str('username'),
  delegate: str('username'),
  startsOn: day('first day in force (Bangkok)'),
  endsOn: orNull(day('last day in force; null: until revoked')),
  reason: str(),
  createdBy: str('username'),
  createdAt: instant(),
  revokedAt: orNull(instant()),
  revokedBy: orNull(str('username')),
};

const importResult = obj({
  status: oneOf(['created', 'updated', 'unchanged', 'would-create', 'would-update']),
  organization: str('organization code'),
  fiscalYear: int(),
  contentHash: str("SHA-256 of the imported file's plan"),
  baseHash: orNull(str('SHA-256 of the stored plan the diff was computed against; null: there was none')),
  revision: orNull(int()),
  summary: obj({ units: int(), measures: int(), steps: int(), itaItems: int(), corrections: int() }),
  changes: list(
    obj(
      {
        kind: oneOf(['added', 'removed', 'changed']),
        path: str('e.g. measures[M05].steps, units[HR]'),
        before: anyJson(),
        after: anyJson(),
      },
      ['before', 'after'],
    ),
  ),
});

/** The readiness checks by component (terminus' shape). */
const readinessComponents = (description: string, all: boolean): SchemaObject => {
  const names = ['database', 'temporal', 'worker'];
  return obj(Object.fromEntries(names.map((n) => [n, $ref('ComponentHealth')])), all ? [] : names, description);
};

// --- the components -----------------------------------------------------------------------------

export const API_SCHEMAS = {
  // Enumerations
  Role: oneOf(ROLES),
  Quarter: { type: 'integer', enum: [1, 2, 3, 4], description: 'fiscal quarter: 1 is Oct–Dec … 4 is Jul–Sep' },
  TaskStatus: oneOf(TASK_STATUSES),
  ReportStatus: oneOf(REPORT_STATUSES),
  Progress: oneOf(PROGRESS),
  Cadence: oneOf(CADENCES),
  Grade: oneOf(GRADES),

  // Errors
  FieldProblem: obj({ path: str('the field, e.g. measures[3].steps[1].quarters[0], or (body)'), message: str() }),
  ErrorBody: obj(errorProps, [], 'every 4xx answer'),
  ImportConflict: obj(
    { ...errorProps, preview: $ref('ImportResult') },
    ['preview'],
    'a 409 of plan import; preview (the diff to confirm) is there when the plan changed and the change was not confirmed',
  ),

  // Health and sign-in
  Health: obj({ status: oneOf(['ok']), database: str('database type, e.g. better-sqlite3, mysql') }),
  ComponentHealth: obj(
    {
      status: oneOf(['up', 'down']),
      message: str('why it is down'),
      address: str('the Temporal server'),
      serverVersion: str(),
      taskQueue: str(),
      pollers: int('pollers the server remembers (up to minutes after they are gone)'),
      lastPollAt: orNull(instant('the latest poll of any of them')),
    },
    ['message', 'address', 'serverVersion', 'taskQueue', 'pollers', 'lastPollAt'],
  ),
  Readiness: obj(
    {
      status: oneOf(['ok', 'error', 'shutting_down']),
      info: readinessComponents('the components that are up', false),
      error: readinessComponents('the components that are down', false),
      details: readinessComponents('every component', true),
    },
    ['info', 'error'],
    'GET /api/health/ready (200 ok, 503 error): the database, the Temporal server, and a worker polling the task queue',
  ),
  Grant: obj(
    {
      kind: oneOf(DELEGATION_KINDS),
      unitCode: str('the unit of an acting head'),
      delegationId: str(),
      delegatorId: str('username'),
      from: instant('in force from'),
      until: orNull(instant('in force up to (not including); null: until revoked')),
    },
    ['unitCode'],
    'authority held today by delegation',
  ),
  Profile: obj({
    username: str(),
    displayName: str(),
    role: $ref('Role'),
    unitCode: orNull(str()),
    organization: obj({ code: str(), name: str() }),
  }),
  SignedIn: obj({
    tokenType: oneOf(['Bearer']),
    accessToken: str('a JWT, sent as Authorization: Bearer …'),
    expiresIn: int('seconds the access token lasts'),
    refreshToken: str('single use: each refresh returns a new one'),
    refreshExpiresAt: instant(),
    user: $ref('Profile'),
  }),
  SignedOut: obj({ signedOut: { type: 'boolean', enum: [true] } }),
  Me: obj({
    username: str(),
    displayName: str(),
    role: $ref('Role'),
    unitCode: orNull(str()),
    organization: str('organization code'),
    grants: list($ref('Grant')),
  }),

  // People
  User: obj({ username: str(), displayName: str(), role: $ref('Role'), unitCode: orNull(str()), active: bool() }),
  Delegation: obj(delegationProps),
  ListedDelegation: obj({ ...delegationProps, inForce: bool('not revoked, and today is within its days') }),

  // Plans
  Organization: obj({
    code: str(),
    name: str(),
    shortName: orNull(str()),
    nameEn: orNull(str()),
    reportGraceDays: int('days after a period ends before its report is due'),
    escalationIntervalDays: int('days between repeated escalations'),
    resubmissionDays: int('days after a report is returned before it is due again'),
    escalateCadences: list($ref('Cadence')),
    plans: list(obj({ fiscalYear: int(), status: oneOf(['imported', 'active']), revision: int() })),
  }),
  PlanSummary: obj({
    organization: obj({ code: str(), name: str(), shortName: orNull(str()) }),
    fiscalYear: int('Buddhist era, e.g. 2565'),
    status: oneOf(['imported', 'active']),
    revision: int(),
    contentHash: str(),
    oversight: obj({ title: str(), titleEn: str(), delegatedBy: str() }, ['titleEn', 'delegatedBy']),
    units: list(obj({ code: str(), name: str(), nameEn: orNull(str()), parent: orNull(str('parent unit code')) })),
    measureCount: int(),
    incompleteMeasures: list(str(), 'codes'),
    corrections: list(
      obj({ path: str(), original: str(), corrected: str(), reason: str() }),
      'corrections made to the source document',
    ),
    source: orNull(obj({ document: str(), notes: list(str()) }, ['document', 'notes'])),
  }),
  MeasureSummary: obj({
    ...measureBaseProps,
    run: orNull(
      obj(
        {
          status: oneOf(['not-started', 'running', 'completed']),
          currentQuarter: orNull($ref('Quarter')),
          quarterStatuses: obj(Object.fromEntries(['1', '2', '3', '4'].map((q) => [q, oneOf(QUARTER_STATUSES)]))),
          workflowId: str(),
        },
        [],
        'the running measure; null until the plan is activated',
      ),
    ),
  }),
  MeasureDetail: obj({
    ...measureBaseProps,
    responsibleText: orNull(str('responsibility as the plan words it')),
    steps: list($ref('Step')),
    monitoringGuidelines: list(
      obj({ number: int(), text: str(), steps: list(int(), 'the steps it evidences; absent: every step') }, ['steps']),
    ),
    reporting: list(
      obj(
        { cadence: $ref('Cadence'), recipient: oneOf(RECIPIENTS), text: str(), label: obj({ th: str(), en: str() }) },
        ['text'],
      ),
    ),
    notes: list(str()),
  }),
  ItaResults: obj({
    assessmentYear: orNull(int()),
    overall: list($ref('YearScore')),
    indicators: list(
      obj({ number: int(), name: str(), tool: oneOf(ASSESSMENT_TOOLS), scores: list($ref('YearScore')) }),
    ),
    items: list(
      obj({
        code: str('e.g. I7, E3'),
        indicator: int(),
        text: str(),
        score: orNull(num()),
        grade: orNull($ref('Grade')),
        subItems: list(obj({ text: str(), score: num(), grade: $ref('Grade') }, ['score', 'grade'])),
      }),
    ),
  }),
  YearScore: obj({ year: int(), score: num(), grade: $ref('Grade') }, ['grade']),
  Step: obj({ number: int(), text: str(), quarters: list($ref('Quarter')) }),
  ImportResult: importResult,
  ActivationResult: obj({
    organization: str(),
    fiscalYear: int(),
    calendar: obj({ start: instant(), end: instant(), compressed: bool('a compressed demonstration calendar') }),
    started: list(workflowRef),
    alreadyStarted: list(workflowRef),
    skipped: list(obj({ measureCode: str(), reason: str() })),
  }),

  // Running measures: the read model (lists)
  Evidence: obj({
    kind: oneOf(['link', 'file']),
    url: str('a http(s) link, or /api/evidence/{id} for an uploaded file'),
    name: str(),
    guidelines: list(int(), 'monitoring guideline numbers it answers'),
  }),
  TaskSubmission: obj({ note: str(), progress: $ref('Progress'), evidence: list($ref('Evidence')) }),
  Task: obj({
    measureCode: str(),
    fiscalYear: int(),
    taskKey: str(),
    quarter: $ref('Quarter'),
    stepNumber: int(),
    unitCode: str(),
    status: $ref('TaskStatus'),
    overdue: bool(),
    returned: bool('returned and not yet resubmitted'),
    returnReason: orNull(str()),
    returnCount: int(),
    openedAt: instant(),
    dueAt: instant(),
    dueAtThai: str('Thai date, Buddhist era'),
    submission: orNull($ref('TaskSubmission')),
    ...nullableReviewed,
  }),
  ReportDraftLine: obj(
    {
      stepNumber: int(),
      quarter: $ref('Quarter'),
      unitCode: str(),
      status: $ref('TaskStatus'),
      progress: $ref('Progress'),
      note: str(),
      evidenceCount: int(),
    },
    ['progress', 'note'],
  ),
  Report: obj({
    measureCode: str(),
    fiscalYear: int(),
    reportKey: str(),
    cadence: $ref('Cadence'),
    periodLabel: str(),
    periodStart: instant(),
    periodEnd: instant(),
    dueAt: instant(),
    dueAtThai: str('Thai date, Buddhist era'),
    status: $ref('ReportStatus'),
    overdue: bool(),
    units: list(str(), 'unit codes'),
    draft: list($ref('ReportDraftLine'), "pre-filled from the period's tasks"),
    summary: orNull(str()),
    comments: orNull(str("the approver's comments")),
    ...nullableReviewed,
    returnCount: int(),
  }),
  Escalation: obj({
    measureCode: str(),
    fiscalYear: int(),
    reportKey: str(),
    cadence: $ref('Cadence'),
    units: list(str(), 'unit codes'),
    round: int('the delivery round: 2 and up for a returned report late again'),
    level: int(),
    dueAt: instant('when the report was due'),
    dueAtThai: str(),
    daysLate: int('days late (up to its resolution)'),
    firstEscalatedAt: instant(),
    lastEscalatedAt: instant(),
    nextEscalationAt: orNull(instant('null once resolved')),
    resolvedAt: orNull(instant()),
    assignee: orNull(str("whoever held the Director's oversight when it was last raised")),
  }),
  TaskPage: pageOf($ref('Task')),
  ReportPage: pageOf($ref('Report')),
  EscalationPage: pageOf($ref('Escalation')),

  // Running measures: the workflow's own state
  TaskState: obj(
    {
      key: str(),
      quarter: $ref('Quarter'),
      stepNumber: int(),
      unitCode: str(),
      status: $ref('TaskStatus'),
      overdue: bool(),
      openedAt: instant(),
      dueAt: instant(),
      submission: $ref('TaskSubmission'),
      ...reviewed,
      returnReason: str(),
      returnCount: int(),
    },
    ['submission', ...Object.keys(reviewed), 'returnReason'],
  ),
  EscalationState: obj(escalationStateProps, ['resolvedAt', 'round']),
  ReportState: obj(
    {
      key: str(),
      cadence: $ref('Cadence'),
      periodIndex: int(),
      periodLabel: str(),
      periodStart: instant(),
      periodEnd: instant(),
      dueAt: instant(),
      status: $ref('ReportStatus'),
      overdue: bool(),
      units: list(str(), 'unit codes'),
      draft: list($ref('ReportDraftLine')),
      summary: str(),
      comments: str(),
      ...reviewed,
      returnCount: int(),
      round: int('the delivery round (absent: 1): a returned report starts a new one, with its own due date'),
      escalation: $ref('EscalationState'),
      earlierEscalations: list($ref('EscalationState'), 'escalations of earlier rounds'),
    },
    ['summary', 'comments', ...Object.keys(reviewed), 'round', 'escalation', 'earlierEscalations'],
  ),
  Amendment: {
    oneOf: [
      obj({ kind: oneOf(['add-step']), text: str(), quarters: list($ref('Quarter')) }),
      obj({ kind: oneOf(['remove-step']), stepNumber: int() }),
      obj({ kind: oneOf(['set-step-quarters']), stepNumber: int(), quarters: list($ref('Quarter')) }),
      obj({ kind: oneOf(['set-units']), units: list(unitRef) }),
      obj({ kind: oneOf(['set-cadences']), cadences: list($ref('Cadence')) }),
    ],
    discriminator: { propertyName: 'kind' },
  },
  MeasureState: obj(
    {
      measureCode: str(),
      status: oneOf(['not-started', 'running', 'completed']),
      currentQuarter: orNull($ref('Quarter')),
      steps: list($ref('Step')),
      units: list(unitRef),
      cadences: list(cadenceInForce),
      quarters: list(obj({ quarter: $ref('Quarter'), opened: bool(), closed: bool() })),
      tasks: list($ref('TaskState')),
      reports: list($ref('ReportState')),
      amendments: list(obj({ change: $ref('Amendment'), reason: str(), at: instant(), by: str('username') })),
      seq: int('bumped on every change'),
    },
    [],
    "the measure workflow's live state",
  ),
  StateAsOf: obj(
    {
      organization: str(),
      fiscalYear: int(),
      measureCode: str(),
      asOf: instant(),
      asOfThai: str(),
      lastChange: obj(
        { at: instant(), action: str(), seq: int(), eventId: int(), runId: str() },
        [],
        'the last change up to asOf',
      ),
      tasks: list($ref('TaskState')),
      reports: list($ref('ReportState')),
      escalations: list(
        obj(
          { ...escalationStateProps, reportKey: str(), cadence: $ref('Cadence'), units: list(str()), daysLate: int() },
          ['resolvedAt', 'round'],
        ),
      ),
      amendments: list(
        obj({
          at: instant(),
          by: str('username'),
          change: obj(
            { steps: list($ref('Step')), units: list(unitRef), cadences: list(cadenceInForce), reason: str() },
            [],
            'the measure as the amendment left it',
          ),
        }),
      ),
    },
    [],
    'the measure as it stood at asOf, rebuilt from its audit trail',
  ),
  TimelineEntry: obj({
    at: instant(),
    atThai: str(),
    action: str('e.g. task.submitted'),
    entity: str('task, report, escalation or measure'),
    key: str('the task or report key'),
    actor: actor([...ROLES, 'system'], 'username, or "system"'),
    authority: orNull(str('the delegation acted under')),
    before: anyJson(),
    after: anyJson(),
    workflowId: str(),
    runId: str(),
    eventId: int('the workflow history event'),
    seq: int(),
  }),

  // Audit
  AuditEntry: obj({
    chainSeq: orNull(int('position in the hash chain')),
    at: instant(),
    atThai: str(),
    fiscalYear: int(),
    measureCode: str('empty for administrative entries'),
    action: str(),
    entity: str('task, report, escalation, measure, delegation, account, plan, organization or unit'),
    key: str(),
    actor: actor(
      [...ROLES, 'system', 'operator'],
      'username, "system", or "operator:<name>" for the accounts and plan-import commands',
    ),
    authority: orNull(str()),
    before: anyJson(),
    after: anyJson(),
    workflowId: str(),
    runId: str(),
    eventId: int(),
    hash: orNull(str('SHA-256')),
  }),
  AuditEntryPage: pageOf($ref('AuditEntry')),
  AuditVerdict: obj(
    {
      organization: str(),
      verifiedAt: instant(),
      ok: bool(),
      entries: int('entries checked'),
      firstBad: obj(
        { chainSeq: orNull(int()), id: orNull(int()), reason: str() },
        [],
        'the first entry that does not fit the chain (when not ok)',
      ),
    },
    ['firstBad'],
  ),

  // Evidence
  EvidenceFile: obj({
    id: { type: 'string', format: 'uuid' },
    url: str('/api/evidence/{id}: cite it in a task submission'),
    name: str(),
    contentType: str(),
    size: int('bytes'),
    sha256: str(),
    unitCode: str('the unit the file is for'),
  }),
} satisfies Record<string, SchemaObject>;

export type ApiSchemaName = keyof typeof API_SCHEMAS;
type PagedName = { [K in ApiSchemaName]: K extends `${infer T}Page` ? T : never }[ApiSchemaName];

/** A reference to a component schema, for @ApiOkResponse({ schema: ref('Task') }). */
export const ref = (name: ApiSchemaName): ReferenceObject => $ref(name);
/** A reference to the page of a list, for @ApiOkResponse({ schema: pageRef('Task') }). */
export const pageRef = (name: PagedName): ReferenceObject => $ref(`${name}Page`);
/** A list of a component schema. */
export const listOf = (name: ApiSchemaName): SchemaObject => list($ref(name));
/** A response body that is a file, in any of these media types. */
export const binaryContent = (types: string[]): Record<string, { schema: SchemaObject }> =>
  Object.fromEntries(types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));

/**
 * Adds the component schemas to a document made by SwaggerModule.createDocument, and types the
 * fiscal year in every path as the Buddhist-era integer it is (Nest sees only a string).
 */
export function addApiSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = structuredClone(API_SCHEMAS) as Record<string, SchemaObject>;
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Array<{
      parameters?: Array<{ name?: string; in?: string; schema?: SchemaObject }>;
    }>) {
      for (const p of operation?.parameters ?? []) {
        if (p.name === 'fiscalYear' && p.in === 'path') p.schema = { type: 'integer', minimum: 2500, maximum: 2700 };
      }
    }
  }
  return {
    ...document,
    components: { ...document.components, schemas: { ...document.components?.schemas, ...schemas } },
  };
}

// --- decorators ---------------------------------------------------------------------------------

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'an argument is invalid: each problem names its field',
  401: 'not signed in, or the access token is invalid or expired',
  403: 'not allowed for your role, unit or organization',
  404: 'not found (the problem names which parameter)',
  409: 'conflicts with the current state',
  413: 'the body is too large',
  422: 'the plan file is invalid: every problem with its path',
  429: 'too many failed sign-ins: wait for Retry-After seconds',
  503: 'a service it depends on is unavailable; try again later',
};

/** One error answer with the common error body; the description defaults to what the status means here. */
export const ApiErrorResponse = (status: number, description = ERROR_DESCRIPTIONS[status] ?? '') =>
  ApiResponse({ status, description, schema: ref('ErrorBody') });

/** The error answers a controller's routes share (class-level). */
export const ApiErrorResponses = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiErrorResponse(status)));

const PATH_PARAMS = {
  organization: 'organization code, e.g. TCEB',
  fiscalYear: 'Buddhist-era fiscal year, e.g. 2565',
  code: 'measure code',
  taskKey: 'task key',
  reportKey: 'report key',
} as const;

/** Path parameters of a route that takes them all at once (@Param() p), which Nest cannot see. */
export const ApiPathParams = (...names: Array<keyof typeof PATH_PARAMS>) =>
  applyDecorators(...names.map((name) => ApiParam({ name, type: String, description: PATH_PARAMS[name] })));
