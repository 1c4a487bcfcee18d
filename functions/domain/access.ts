import type { SessionUser } from './sign-in';

// Who may do what, in one place: pages, API routes and domain functions ask here.

type Roles = Pick<SessionUser, 'memberships'>;

export const schoolRoles = ['principal', 'contact'] as const;
export const districtRoles = ['officer', 'coordinator'] as const;

/** The roles that may use each signed-in area of the portal (pages and API alike). */
export const areaRoles = {
  school: schoolRoles,
  district: ['officer'],
  admin: ['coordinator'],
  followUp: [...schoolRoles, 'officer'],
} as const satisfies Record<string, readonly string[]>;

/** Acts for the school: its principal or its function mailbox. */
export const isSchoolMember = (user: Roles, schoolId: number) =>
  user.memberships.some((m) => m.schoolId === schoolId && (schoolRoles as readonly string[]).includes(m.role));

/** The school's principal: the only one who signs and who hands the role over. */
export const isPrincipal = (user: Roles, schoolId: number) =>
  user.memberships.some((m) => m.schoolId === schoolId && m.role === 'principal');

export const isOfficerOf = (user: Roles, districtId: number) =>
  user.memberships.some((m) => m.role === 'officer' && m.districtId === districtId);

export const isCoordinator = (user: Roles) => user.memberships.some((m) => m.role === 'coordinator');

/** Holds a role on the city's side: an officer of any district or the coordinator. */
export const holdsCityRole = (user: Roles) =>
  user.memberships.some((m) => (districtRoles as readonly string[]).includes(m.role));

/** The districts an officer works for. */
export const officerDistrictIds = (user: Roles) =>
  user.memberships.filter((m) => m.role === 'officer' && m.districtId !== null).map((m) => m.districtId as number);

/** The schools a user acts for. */
export const memberSchoolIds = (user: Roles) =>
  user.memberships
    .filter((m) => (schoolRoles as readonly string[]).includes(m.role) && m.schoolId !== null)
    .map((m) => m.schoolId as number);
