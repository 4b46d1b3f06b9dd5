import { z } from 'zod';
import { reason, type Reason, type RuleId } from './verdict';

/**
 * What staff confirm at the counter, as explicit inputs of the rules.
 *
 * AGE-2: the identity document is checked in person; the app records that it was checked, its
 * type and the last characters of its number — never an image, never the whole number.
 * AGE-3: staff confirm the person is a tobacco/nicotine user and, for reservations and rentals,
 * is not pregnant. The pregnancy answer is health data (BRIEF decision 6): it is read to decide
 * and never appears in a returned object — a refusal reads the same whatever the cause.
 */

export const IdDocumentType = z.enum([
	'id_card',
	'passport',
	'driving_licence',
	'residence_permit'
]);
export type IdDocumentType = z.infer<typeof IdDocumentType>;

export const IdCheck = z.object({
	/** The document was checked in person. */
	seen: z.boolean(),
	type: IdDocumentType.nullable(),
	/** The last 2 to 4 characters of the document number. */
	lastCharacters: z
		.string()
		.regex(/^[A-Za-z0-9]{2,4}$/)
		.nullable(),
	/** The original document, not a copy or a photo (GE 7.6). */
	original: z.boolean(),
	/** Not expired. */
	valid: z.boolean()
});
export type IdCheck = z.infer<typeof IdCheck>;

/**
 * AGE-2 as a rental or a reservation pickup records it, once the document was seen in person:
 * its type and last characters only — no image, no whole number.
 */
export const SeenIdCheck = z
	.object({
		type: IdDocumentType,
		lastCharacters: z.string().regex(/^[A-Za-z0-9]{2,4}$/),
		/** The original document, not a copy or a photo (GE 7.6). */
		original: z.boolean(),
		valid: z.boolean()
	})
	.strict();
export type SeenIdCheck = z.infer<typeof SeenIdCheck>;

/** AGE-3 answers. `null` = not asked yet. */
export const Age3Answers = z.object({
	nicotineUser: z.boolean().nullable(),
	/** Health data: used for the decision, never stored or returned. */
	pregnant: z.boolean().nullable()
});
export type Age3Answers = z.infer<typeof Age3Answers>;

const LAST = /^[A-Za-z0-9]{2,4}$/;

/**
 * AGE-2: the document was seen, its type and last characters recorded; where the rule needs
 * it (rentals, GE 7.6), an original that is still valid.
 */
export function idCheckReasons(
	id: IdCheck | null,
	opts: { originalRequired: boolean; rule?: RuleId }
): Reason[] {
	const rule = opts.rule ?? 'AGE-2';
	if (!id || !id.seen) return [reason(rule, 'block', 'age2.idNotChecked')];
	const reasons: Reason[] = [];
	if (!id.type || !id.lastCharacters || !LAST.test(id.lastCharacters))
		reasons.push(reason(rule, 'block', 'age2.idDetailsMissing'));
	if (opts.originalRequired && !id.original)
		reasons.push(reason(rule, 'block', 'age2.copyNotAccepted'));
	if (!id.valid) reasons.push(reason(rule, 'block', 'age2.idExpired'));
	if (reasons.length === 0)
		reasons.push(
			reason(rule, 'ok', 'age2.idChecked', {
				type: id.type ?? '',
				last: (id.lastCharacters ?? '').toUpperCase()
			})
		);
	return reasons;
}

/** The record of an ID check that may be kept: type and last characters only. */
export function idCheckFacts(id: IdCheck | null): { idType: string | null; idLast: string | null } {
	if (!id || !id.seen) return { idType: null, idLast: null };
	return { idType: id.type, idLast: id.lastCharacters?.toUpperCase() ?? null };
}

/**
 * AGE-3: one reason, the same for every cause of refusal, so the verdict never tells whether
 * the person said they do not use nicotine or that they are pregnant.
 */
export function age3Reason(
	answers: Age3Answers | null,
	opts: { askPregnancy: boolean; rule?: RuleId }
): Reason {
	const rule = opts.rule ?? 'AGE-3';
	if (!answers || answers.nicotineUser === null || (opts.askPregnancy && answers.pregnant === null))
		return reason(rule, 'block', 'age3.unanswered');
	const refused =
		answers.nicotineUser === false || (opts.askPregnancy && answers.pregnant === true);
	return refused ? reason(rule, 'block', 'age3.declined') : reason(rule, 'ok', 'age3.confirmed');
}
