// The route table: one handler per endpoint under /api-gate-way/, each area's in its own module of
// routes/ (as lib/background/api/ splits the client), with what a route is and answers in routes/route.ts.
import { ACCOUNT_ROUTES } from './routes/accounts.ts';
import { BILLING_ROUTES } from './routes/billing.ts';
import { EXTRACTION_ROUTES } from './routes/extraction.ts';
import type { Route } from './routes/route.ts';
import { STATIC_IP_ROUTES } from './routes/static-ips.ts';
import { USAGE_ROUTES } from './routes/usage.ts';

export { REJECTIONS } from './routes/route.ts';

export const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([...ACCOUNT_ROUTES, ...USAGE_ROUTES, ...EXTRACTION_ROUTES, ...STATIC_IP_ROUTES, ...BILLING_ROUTES]);
