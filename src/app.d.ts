import type { StaffProfile } from '$lib/domain';

declare global {
	namespace App {
		interface Locals {
			staff: StaffProfile | null;
			sessionId: string | null;
		}
	}
}

export {};
