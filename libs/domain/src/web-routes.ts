/**
 * Links into the web app: its hash routes, each segment encoded as its router
 * (apps/web/src/router.tsx `href`) writes them. The one place the server side builds them
 * (notifications, webhook posts, calendar feeds); prefix the app's public URL for a full link.
 */
export const webRoute = (...parts: Array<string | number>): string =>
  `/#/${parts.map((p) => encodeURIComponent(String(p))).join('/')}`;

export const taskRoute = (fiscalYear: number, measureCode: string, taskKey: string) =>
  webRoute('tasks', fiscalYear, measureCode, taskKey);

export const measureRoute = (fiscalYear: number, measureCode: string) => webRoute('measures', fiscalYear, measureCode);
