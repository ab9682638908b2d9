/** Small data hooks shared by pages: loading a call's result, and the plan year in use. */
import { useCallback, useEffect, useState } from 'react';
import { api, problemOf, type ApiProblem } from './api/client';
import { useAuth } from './auth';

/** Runs `load` now and whenever `deps` change; `reload` runs it again (after a change). */
export function useLoad<T>(load: () => Promise<{ data?: T; error?: unknown }>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [loading, setLoading] = useState(true);
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    setLoading(true);
    const result = await run();
    setData(result.data);
    setProblem(result.error ? problemOf(result.error) : null);
    setLoading(false);
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, problem, loading, reload };
}

/** The organization of the signed-in person, and the fiscal year of its active (else newest) plan. */
export function usePlanYear(): { organization: string; fiscalYear: number | null; loading: boolean } {
  const { me } = useAuth();
  const organization = me?.organization ?? '';
  const { data, loading } = useLoad(() => api.GET('/api/organizations'), [organization]);
  const plans = data?.[0]?.plans ?? [];
  const active = plans.find((p) => p.status === 'active') ?? plans[0];
  return { organization, fiscalYear: active?.fiscalYear ?? null, loading };
}
