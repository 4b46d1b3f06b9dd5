// no schemas here: the header's review link is part of the first screen, which loads no zod

/** The roles that may see and resolve review items. */
export const REVIEWER_ROLES = ['supervisor', 'admin'] as const;
export const isReviewer = (role: string): boolean =>
	(REVIEWER_ROLES as readonly string[]).includes(role);
