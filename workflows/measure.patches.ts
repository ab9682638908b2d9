/**
 * Every patch of measureWorkflow, by the version of the workflow code that brought it in. A
 * running measure takes a patched branch only from the point where its history first meets the
 * patch; histories recorded before it replay down the old branch (docs/workflow-versioning.md).
 * Never rename or reuse an id; retire one only by the steps that document gives.
 */
export const MEASURE_PATCHES = {
  /** v2: a measure continues as new at each quarter boundary, and whenever the server suggests it. */
  continueAsNew: 'v2-continue-as-new',
  /** v2: a report the Deputy Director returns falls due again (resubmissionDays after the return) and escalates again if late. */
  returnedReportFallsDue: 'v2-returned-report-falls-due',
  /**
   * v3: a command retried with the same update id after the measure continued as new is answered
   * without being applied again (Temporal deduplicates update ids within one run only), so the
   * ids of recent commands travel with the state.
   */
  commandsDeduplicatedAcrossRuns: 'v3-commands-deduplicated-across-runs',
  /**
   * v4: a step's tasks go to its owners only (`steps[].owners`; ALL or none: every unit of the
   * measure), and a report to the unit its line names (`reporting[].from`, else `leadUnit`).
   * Before, every unit of the measure got every task and could make every report.
   */
  stepOwners: 'v4-step-owners',
} as const;
