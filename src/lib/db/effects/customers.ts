import {
	carePlusAfterEnrol,
	carePlusAfterLeave,
	customersServiceRecord,
	newCustomer,
	NO_SERIAL,
	registeredUnit,
	serviceDetails
} from '$lib/domain/mutations/customers';
import { normalizeSerial, type MutationArgs } from '$lib/domain';
import type { ReplicaDb } from '../replica';
import type { Effect, EffectContext } from './types';

/**
 * The tablet's side of the "customers" mutations: idempotent puts of the rows the server will
 * send back (built by the same domain functions), and an undo for a discarded rejected action.
 */

async function dropLocalService(db: ReplicaDb, serviceId: string) {
	const service = await db.services.get(serviceId);
	if (service && service.recordedAt === null) await db.services.delete(serviceId);
}

export const registerCustomer: Effect<'registerCustomer'> = {
	subject: (args) => args.customerId,
	async apply(db, args, ctx) {
		await db.customers.put(newCustomer(args, ctx.marketCode));
	},
	async undo(db, args) {
		await db.customers.delete(args.customerId);
	}
};

export const registerDevice: Effect<'registerDevice'> = {
	subject: (args) => args.serviceId,
	async apply(db, args, ctx) {
		for (const unit of args.units) {
			const existing = await db.components.get(normalizeSerial(unit.serial));
			const next = registeredUnit(existing, args, unit, ctx.marketCode);
			if (next) await db.components.put(next);
		}
		await putService(db, 'registerDevice', args, ctx, args.customerId, args.units[0]!.serial);
	},
	async undo(db, args) {
		for (const unit of args.units) {
			const c = await db.components.get(normalizeSerial(unit.serial));
			if (c && c.customerId === args.customerId && c.registeredAt === args.performedAt)
				await db.components.put({ ...c, customerId: null, registeredAt: null });
		}
		await dropLocalService(db, args.serviceId);
	}
};

export const transferDevice: Effect<'transferDevice'> = {
	subject: (args) => args.serviceId,
	async apply(db, args, ctx) {
		for (const serial of args.serials) {
			const c = await db.components.get(normalizeSerial(serial));
			if (c && (c.customerId === args.fromCustomerId || c.customerId === args.toCustomerId))
				await db.components.put({
					...c,
					customerId: args.toCustomerId,
					registeredAt: args.performedAt
				});
		}
		await putService(db, 'transferDevice', args, ctx, args.toCustomerId, args.serials[0]!);
	},
	async undo(db, args) {
		for (const serial of args.serials) {
			const c = await db.components.get(normalizeSerial(serial));
			if (c && c.customerId === args.toCustomerId && c.registeredAt === args.performedAt)
				await db.components.put({ ...c, customerId: args.fromCustomerId });
		}
		await dropLocalService(db, args.serviceId);
	}
};

export const enrolCarePlus: Effect<'enrolCarePlus'> = {
	subject: (args) => args.serviceId,
	async apply(db, args, ctx) {
		const customer = await db.customers.get(args.customerId);
		if (customer)
			await db.customers.put({
				...customer,
				carePlus: carePlusAfterEnrol(customer.carePlus, args)
			});
		await putService(db, 'enrolCarePlus', args, ctx, args.customerId, args.serials[0]!);
	},
	async undo(db, args) {
		const customer = await db.customers.get(args.customerId);
		if (customer?.carePlus?.acceptedAt === new Date(args.performedAt).toISOString())
			await db.customers.put({ ...customer, carePlus: null });
		await dropLocalService(db, args.serviceId);
	}
};

export const leaveCarePlus: Effect<'leaveCarePlus'> = {
	subject: (args) => args.serviceId,
	async apply(db, args, ctx) {
		const customer = await db.customers.get(args.customerId);
		const market = customer ? await db.markets.get(customer.marketCode) : undefined;
		if (customer && market)
			await db.customers.put({
				...customer,
				carePlus: carePlusAfterLeave(customer, args, market)
			});
		await putService(db, 'leaveCarePlus', args, ctx, args.customerId, NO_SERIAL);
	},
	async undo(db, args) {
		const customer = await db.customers.get(args.customerId);
		const cp = customer?.carePlus;
		const at = new Date(args.performedAt).toISOString();
		if (customer && cp) {
			if (cp.endedAt === at)
				await db.customers.put({ ...customer, carePlus: { ...cp, endedAt: null } });
			else if (cp.activeCareWithdrawnAt === at)
				await db.customers.put({
					...customer,
					carePlus: { ...cp, activeCareConsent: true, activeCareWithdrawnAt: null }
				});
		}
		await dropLocalService(db, args.serviceId);
	}
};

export const sellExtendedWarranty: Effect<'sellExtendedWarranty'> = {
	subject: (args) => args.serviceId,
	async apply(db, args, ctx) {
		for (const serial of args.serials) {
			const c = await db.components.get(normalizeSerial(serial));
			if (c) await db.components.put({ ...c, extendedWarrantyUntil: args.until });
		}
		await putService(db, 'sellExtendedWarranty', args, ctx, args.customerId, args.serials[0]!);
	},
	async undo(db, args) {
		await dropLocalService(db, args.serviceId);
	}
};

export const buyBack: Effect<'buyBack'> = {
	subject: (args) => args.serviceId,
	async apply(db, args, ctx) {
		for (const serial of args.serials) {
			const c = await db.components.get(normalizeSerial(serial));
			if (c && c.customerId === args.customerId)
				await db.components.put({ ...c, customerId: null, registeredAt: null });
		}
		await putService(db, 'buyBack', args, ctx, args.customerId, args.serials[0]!);
	},
	async undo(db, args) {
		for (const serial of args.serials) {
			const c = await db.components.get(normalizeSerial(serial));
			if (c && c.customerId === null)
				await db.components.put({ ...c, customerId: args.customerId });
		}
		await dropLocalService(db, args.serviceId);
	}
};

type ServiceMutation =
	| 'registerDevice'
	| 'transferDevice'
	| 'enrolCarePlus'
	| 'leaveCarePlus'
	| 'sellExtendedWarranty'
	| 'buyBack';

const TYPE = {
	registerDevice: 'registration',
	transferDevice: 'transfer',
	enrolCarePlus: 'careplus_enrol',
	leaveCarePlus: 'careplus_leave',
	sellExtendedWarranty: 'extended_warranty',
	buyBack: 'buy_back'
} as const;

/** The service record, unless the server already sent it back (then its copy stands). */
async function putService<N extends ServiceMutation>(
	db: ReplicaDb,
	name: N,
	args: MutationArgs<N>,
	ctx: EffectContext,
	customerId: string,
	serial: string
) {
	const existing = await db.services.get(args.serviceId);
	if (existing?.recordedAt) return;
	await db.services.put(
		customersServiceRecord(
			TYPE[name],
			args,
			customerId,
			serial === NO_SERIAL ? serial : normalizeSerial(serial),
			serviceDetails(name, args),
			ctx.staffId,
			ctx.marketCode
		)
	);
}
