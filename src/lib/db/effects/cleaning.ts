import { cleaningRecord } from '$lib/domain';
import type { Effect } from './types';

export const recordCleaning: Effect<'recordCleaning'> = {
	subject: (args) => args.serviceId,
	async apply(db, args, ctx) {
		await db.services.put(cleaningRecord(args, ctx.staffId, ctx.marketCode));
	},
	async undo(db, args) {
		const service = await db.services.get(args.serviceId);
		if (service && service.recordedAt === null) await db.services.delete(args.serviceId);
	}
};
