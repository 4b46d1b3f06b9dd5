import type { ComponentPart, IdDocumentType, Reservation, Role } from '$lib/domain';
import { m } from '$lib/paraglide/messages';
import { formatList } from './format';

/** Words for the domain's enum values, in the active language (never the raw code). */

const PART: Record<ComponentPart, () => string> = {
	device: m.part_device,
	holder: m.part_holder,
	charger: m.part_charger
};
export const partName = (part: ComponentPart): string => PART[part]();

const ROLE: Record<Role, () => string> = {
	staff: m.role_staff,
	partner: m.role_partner,
	specialist: m.role_specialist,
	supervisor: m.role_supervisor,
	admin: m.role_admin
};
export const roleName = (role: Role): string => ROLE[role]();

const RESERVATION: Record<Reservation['status'], () => string> = {
	open: m.reservationStatus_open,
	picked_up: m.reservationStatus_picked_up,
	cancelled: m.reservationStatus_cancelled
};
export const reservationStatus = (status: Reservation['status']): string => RESERVATION[status]();

/** The exclusion points of a swap's checklist (WAR-2, EXT-3, CP-4), by checklist key. */
const WARRANTY_POINT: Record<string, () => string> = {
	normalWear: m.swapPoint_normalWear,
	cosmeticDamage: m.swapPoint_cosmeticDamage,
	misuseSurgeLiquidFire: m.swapPoint_misuseSurgeLiquidFire,
	incompatibleProduct: m.swapPoint_incompatibleProduct,
	openedOrRepaired: m.swapPoint_openedOrRepaired,
	manualNotFollowed: m.swapPoint_manualNotFollowed,
	lostStolenOrForced: m.swapPoint_lostStolenOrForced
};
const CAREPLUS_POINT: Record<string, () => string> = {
	misuseOrModification: m.swapPoint_misuseOrModification,
	openedOrRepaired: m.swapPoint_openedOrRepairedCp,
	lossOrTheft: m.swapPoint_lossOrTheft,
	cosmeticOnly: m.swapPoint_cosmeticOnly,
	normalWear: m.swapPoint_normalWearCp,
	liquidFireDisaster: m.swapPoint_liquidFireDisaster,
	incompatibleProduct: m.swapPoint_incompatibleProducts,
	manualNotFollowed: m.swapPoint_manualNotFollowed,
	manufacturingDefect: m.swapPoint_manufacturingDefect
};
export const checklistPoint = (swap: 'warranty' | 'careplus', key: string): string =>
	(swap === 'warranty' ? WARRANTY_POINT : CAREPLUS_POINT)[key]?.() ?? key;

/** How late a rental is: hours for the first two days, then days. */
export const rentalsLate = (hours: number): string =>
	hours >= 48
		? m.rentals_daysLate({ count: Math.floor(hours / 24) })
		: m.rentals_hoursLate({ count: hours });

const ID_TYPE: Record<IdDocumentType, () => string> = {
	id_card: m.idType_id_card,
	passport: m.idType_passport,
	driving_licence: m.idType_driving_licence,
	residence_permit: m.idType_residence_permit
};
export const idTypeName = (type: string): string => ID_TYPE[type as IdDocumentType]?.() ?? type;

/** The units of a kit, "holder GEH1 and charger GEC1", in the active language. */
export const kitUnits = (kit: readonly { part: ComponentPart; serial: string }[]): string =>
	formatList(kit.map((k) => `${partName(k.part)} ${k.serial}`));
