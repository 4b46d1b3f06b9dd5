import { cancelRecord, pickupRecord, refusalRecord } from '$lib/domain/mutations/reservations';
import type { Effect } from './types';

/** Reservations on the tablet: the reservation row's new status and the service record. */

export const pickUpReservation: Effect<'pickUpReservation'> = {
	subject: (args) => args.serviceId,
	async apply(db, args, ctx) {
		const r = await db.reservations.get(args.reservationId);
		if (!r) return;
		if (!(await db.services.get(args.serviceId)))
			await db.services.put(pickupRecord(args, r, ctx.staffId, ctx.marketCode));
		if (r.status === 'open') await db.reservations.put({ ...r, status: 'picked_up' });
	},
	async undo(db, args) {
		const service = await db.services.get(args.serviceId);
		if (service && service.recordedAt === null) {
			await db.services.delete(args.serviceId);
			const r = await db.reservations.get(args.reservationId);
			if (r?.status === 'picked_up') await db.reservations.put({ ...r, status: 'open' });
		}
	}
};

export const refuseReservation: Effect<'refuseReservation'> = {
	subject: (args) => args.serviceId,
	async apply(db, args, ctx) {
		const r = await db.reservations.get(args.reservationId);
		if (!r) return;
		if (!(await db.services.get(args.serviceId)))
			await db.services.put(refusalRecord(args, r, ctx.staffId, ctx.marketCode));
	},
	async undo(db, args) {
		const service = await db.services.get(args.serviceId);
		if (service && service.recordedAt === null) await db.services.delete(args.serviceId);
	}
};

export const cancelReservation: Effect<'cancelReservation'> = {
	subject: (args) => args.serviceId,
	async apply(db, args, ctx) {
		const r = await db.reservations.get(args.reservationId);
		if (!r) return;
		if (!(await db.services.get(args.serviceId)))
			await db.services.put(cancelRecord(args, r, ctx.staffId, ctx.marketCode));
		if (r.status === 'open') await db.reservations.put({ ...r, status: 'cancelled' });
	},
	async undo(db, args) {
		const service = await db.services.get(args.serviceId);
		if (service && service.recordedAt === null) {
			await db.services.delete(args.serviceId);
			const r = await db.reservations.get(args.reservationId);
			if (r?.status === 'cancelled') await db.reservations.put({ ...r, status: 'open' });
		}
	}
};
