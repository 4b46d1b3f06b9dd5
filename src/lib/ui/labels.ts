import type { ComponentPart, Reservation, Role } from '$lib/domain';
import { m } from '$lib/paraglide/messages';

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
