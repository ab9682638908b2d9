/** The contracts of signing in, profiles, accounts and delegations. */
import { z } from 'zod';
import { DELEGATION_KINDS } from '@ita/domain/access/actor';
import { CODE_PATTERN } from '@ita/domain/plan/plan.types';
import { Role } from '../http/common.schemas';
import { calendarDay, component, day, instant, int, text } from '../http/schema';
import { writtenText } from '../measures/measure.schemas';

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;

// --- bodies ---------------------------------------------------------------------------------------

export const SignInBody = component(
  'SignInBody',
  z.object({
    username: z
      .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be text') })
      .regex(USERNAME_PATTERN, 'must be an account name (letters, digits, . _ @ -; at most 100)'),
    password: z
      .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be text') })
      .min(1, 'is required (at most 200 characters)')
      .max(200, 'is required (at most 200 characters)')
      .meta({ format: 'password' }),
  }),
);
export const RefreshTokenBody = component(
  'RefreshTokenBody',
  z.object({ refreshToken: z.string({ error: 'is required' }).min(1, 'is required') }),
);
export const DelegationBody = component(
  'DelegationBody',
  z.object({
    kind: z.enum(DELEGATION_KINDS),
    unitCode: z.string().regex(CODE_PATTERN, 'is not a code').nullish().describe('for kind unit-head: the unit'),
    delegate: writtenText(100).describe('the username of the Deputy Director, or of the acting head'),
    startsOn: calendarDay('first day in force (Bangkok)'),
    endsOn: calendarDay('last day in force; absent: until revoked').nullish(),
    reason: writtenText(1000),
  }),
);

// --- answers --------------------------------------------------------------------------------------

export const Grant = component(
  'Grant',
  z.object({
    kind: z.enum(DELEGATION_KINDS),
    unitCode: text('the unit of an acting head').optional(),
    delegationId: z.string(),
    delegatorId: text('username'),
    from: instant('in force from'),
    until: instant('in force up to (not including); null: until revoked').nullable(),
  }),
  'authority held today by delegation',
);
export const Profile = component(
  'Profile',
  z.object({
    username: z.string(),
    displayName: z.string(),
    role: Role,
    unitCode: z.string().nullable(),
    organization: z.object({ code: z.string(), name: z.string() }),
  }),
);
export const SignedIn = component(
  'SignedIn',
  z.object({
    tokenType: z.literal('Bearer'),
    accessToken: text('a JWT, sent as Authorization: Bearer …'),
    expiresIn: int('seconds the access token lasts'),
    refreshToken: text('single use: each refresh returns a new one'),
    refreshExpiresAt: instant(),
    user: Profile,
  }),
);
export const SignedOut = component('SignedOut', z.object({ signedOut: z.literal(true) }));
export const Me = component(
  'Me',
  z.object({
    username: z.string(),
    displayName: z.string(),
    role: Role,
    unitCode: z.string().nullable(),
    organization: text('organization code'),
    grants: z.array(Grant),
  }),
);
export const User = component(
  'User',
  z.object({
    username: z.string(),
    displayName: z.string(),
    role: Role,
    unitCode: z.string().nullable(),
    active: z.boolean(),
  }),
);
const delegationShape = {
  id: int(),
  kind: z.enum(DELEGATION_KINDS),
  unitCode: text('the unit of an acting head').nullable(),
  delegator: text('username'),
  delegate: text('username'),
  startsOn: day('first day in force (Bangkok)'),
  endsOn: day('last day in force; null: until revoked').nullable(),
  reason: z.string(),
  createdBy: text('username'),
  createdAt: instant(),
  revokedAt: instant().nullable(),
  revokedBy: text('username').nullable(),
};
export const Delegation = component('Delegation', z.object(delegationShape));
export const ListedDelegation = component(
  'ListedDelegation',
  z.object({ ...delegationShape, inForce: z.boolean().describe('not revoked, and today is within its days') }),
);
