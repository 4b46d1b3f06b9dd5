import {
	blacklistRecord,
	rentalReturnRecord,
	rentalStartRecords,
	returnedRental
} from '$lib/domain/mutations/rentals';
import type { Effect } from './types';

/**
 * Rentals on the tablet: puts of the rows the server sends back. A return is "late" when it
 * happens after the due instant; the server decides again with its own clock at sync.
 */

export const startRental: Effect<'startRental'> = {
	subject: (args) => args.serviceId,
	async apply(db, args, ctx) {
		const { rental, service } = rentalStartRecords(args, ctx.staffId, ctx.marketCode);
		const existing = await db.rentals.get(rental.id);
		// a pull may already hold the server's row (returned meanwhile): never roll it back
		if (!existing) await db.rentals.put(rental);
		if (!(await db.services.get(service.id))) await db.services.put(service);
	},
	async undo(db, args) {
		const service = await db.services.get(args.serviceId);
		if (service && service.recordedAt === null) {
			await db.services.delete(args.serviceId);
			await db.rentals.delete(args.rentalId);
		}
	}
};

export const returnRental: Effect<'returnRental'> = {
	subject: (args) => args.serviceId,
	async apply(db, args, ctx) {
		const rental = await db.rentals.get(args.rentalId);
		if (!rental) return;
		const at = new Date(args.performedAt).getTime();
		const due = new Date(rental.dueAt).getTime();
		if (!(await db.services.get(args.serviceId)))
			await db.services.put(
				rentalReturnRecord(args, rental, ctx.staffId, ctx.marketCode, {
					late: at > due,
					early: at < due
				})
			);
		await db.rentals.put(returnedRental(rental, args));
	},
	async undo(db, args) {
		const service = await db.services.get(args.serviceId);
		if (service && service.recordedAt === null) {
			await db.services.delete(args.serviceId);
			const rental = await db.rentals.get(args.rentalId);
			if (rental && rental.returnedAt === args.performedAt)
				await db.rentals.put({ ...rental, returnedAt: null, status: 'active' });
		}
	}
};

export const confirmBlacklist: Effect<'confirmBlacklist'> = {
	subject: (args) => args.serviceId,
	async apply(db, args, ctx) {
		const [customer, rental] = await Promise.all([
			db.customers.get(args.customerId),
			db.rentals.get(args.rentalId)
		]);
		if (customer && !customer.blacklisted)
			await db.customers.put({ ...customer, blacklisted: true });
		if (!(await db.services.get(args.serviceId)))
			await db.services.put(
				blacklistRecord(
					args,
					rental?.contract?.serial || rental?.modelId || args.rentalId,
					ctx.staffId,
					ctx.marketCode
				)
			);
	},
	async undo(db, args) {
		const service = await db.services.get(args.serviceId);
		if (service && service.recordedAt === null) {
			await db.services.delete(args.serviceId);
			const customer = await db.customers.get(args.customerId);
			if (customer?.blacklisted) await db.customers.put({ ...customer, blacklisted: false });
		}
	}
};
