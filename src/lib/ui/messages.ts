import type { MessageKey, MessageParams, Reason, ServiceType, Severity } from '$lib/domain';
import { m } from '$lib/paraglide/messages';
import './i18n.svelte';

/**
 * Plain words for every message key the domain and the sync produce, in the active language.
 * The texts live in messages/{locale}.json (Paraglide JS, compiled to $lib/paraglide); a domain
 * key `cln.quotaUsed` is the Paraglide message `cln_quotaUsed` (message ids have no dots).
 *
 * The keys are listed, not looked up on the whole message namespace: a lookup by any name would
 * keep all 896 messages in the first load, while the browser build puts each message in the
 * chunk of the screens that use it (scripts/lazy-locales.js). These two hundred stay in the
 * first load — verdicts show on the scan and device screens.
 */
export function messageId(key: string): string {
	return key.replace(/\./g, '_');
}

type MessageFn = (inputs: MessageParams) => string;
type Listed = (inputs: never) => string;

/** Every key of MESSAGE_KEYS (svelte-check fails on one left out). */
const domain = {
	'age.adult': m.age_adult,
	'age.minor': m.age_minor,
	'age.unknownBirthDate': m.age_unknownBirthDate,
	'age.birthInFuture': m.age_birthInFuture,
	'age2.idNotChecked': m.age2_idNotChecked,
	'age2.idDetailsMissing': m.age2_idDetailsMissing,
	'age2.copyNotAccepted': m.age2_copyNotAccepted,
	'age2.idExpired': m.age2_idExpired,
	'age2.idChecked': m.age2_idChecked,
	'age3.unanswered': m.age3_unanswered,
	'age3.declined': m.age3_declined,
	'age3.confirmed': m.age3_confirmed,
	'reg.serialFree': m.reg_serialFree,
	'reg.alreadyYours': m.reg_alreadyYours,
	'reg.ownedByOther': m.reg_ownedByOther,
	'reg.customerNotRegistered': m.reg_customerNotRegistered,
	'reg.deviceNotTheirs': m.reg_deviceNotTheirs,
	'reg.deviceRegistered': m.reg_deviceRegistered,
	'reg.customerRegistered': m.reg_customerRegistered,
	'reg.serialValid': m.reg_serialValid,
	'reg.serialMismatch': m.reg_serialMismatch,
	'reg.personalUseUnasked': m.reg_personalUseUnasked,
	'reg.notPersonalUse': m.reg_notPersonalUse,
	'reg.personalUse': m.reg_personalUse,
	'reg.codeSourceNeeded': m.reg_codeSourceNeeded,
	'reg.codeFromUnit': m.reg_codeFromUnit,
	'reg.codeFrom': m.reg_codeFrom,
	'reg.boughtInMarket': m.reg_boughtInMarket,
	'reg.boughtElsewhere': m.reg_boughtElsewhere,
	'reg.transferUnregistered': m.reg_transferUnregistered,
	'reg.transferNotOwner': m.reg_transferNotOwner,
	'reg.transferNoConsent': m.reg_transferNoConsent,
	'reg.transferOk': m.reg_transferOk,
	'reg.serialUnchecked': m.reg_serialUnchecked,
	'reg.serialIntact': m.reg_serialIntact,
	'reg.serialAltered': m.reg_serialAltered,
	'serial.empty': m.serial_empty,
	'serial.looksLikeGtin': m.serial_looksLikeGtin,
	'serial.malformed': m.serial_malformed,
	'customer.blacklisted': m.customer_blacklisted,
	'war.posMaySwap': m.war_posMaySwap,
	'war.posNoSwap': m.war_posNoSwap,
	'war.reducedAssortment': m.war_reducedAssortment,
	'war.tobacconistNoSwap': m.war_tobacconistNoSwap,
	'war.typeNotSold': m.war_typeNotSold,
	'war.inWarranty': m.war_inWarranty,
	'war.inExtendedWarranty': m.war_inExtendedWarranty,
	'war.expired': m.war_expired,
	'war.purchaseDateUnknown': m.war_purchaseDateUnknown,
	'war.checklistIncomplete': m.war_checklistIncomplete,
	'war.excluded': m.war_excluded,
	'war.checklistClear': m.war_checklistClear,
	'war.nothingFaulty': m.war_nothingFaulty,
	'war.mixedDevices': m.war_mixedDevices,
	'war.partMismatch': m.war_partMismatch,
	'war.coversWholeDevice': m.war_coversWholeDevice,
	'war.coversComponent': m.war_coversComponent,
	'war.noReplacementModel': m.war_noReplacementModel,
	'war.replacementModels': m.war_replacementModels,
	'war.noReplacementInStock': m.war_noReplacementInStock,
	'war.replacementModelNotAllowed': m.war_replacementModelNotAllowed,
	'war.replacementOwned': m.war_replacementOwned,
	'war.replacementPartsMismatch': m.war_replacementPartsMismatch,
	'war.ownershipMoves': m.war_ownershipMoves,
	'war.claimIncomplete': m.war_claimIncomplete,
	'war.claimComplete': m.war_claimComplete,
	'war.intlAtHome': m.war_intlAtHome,
	'war.intlCountryNotListed': m.war_intlCountryNotListed,
	'war.intlCountryListed': m.war_intlCountryListed,
	'war.intlRegistered': m.war_intlRegistered,
	'war.intlCarePlus': m.war_intlCarePlus,
	'war.intlNotEligible': m.war_intlNotEligible,
	'war.intlPhones': m.war_intlPhones,
	'cp.notOffered': m.cp_notOffered,
	'cp.participant': m.cp_participant,
	'cp.left': m.cp_left,
	'cp.notParticipant': m.cp_notParticipant,
	'cp.modelEligible': m.cp_modelEligible,
	'cp.modelNotEligible': m.cp_modelNotEligible,
	'cp.boughtElsewhere': m.cp_boughtElsewhere,
	'cp.covered': m.cp_covered,
	'cp.coverEnded': m.cp_coverEnded,
	'cp.replacementLeft': m.cp_replacementLeft,
	'cp.replacementUsed': m.cp_replacementUsed,
	'cp.checklistIncomplete': m.cp_checklistIncomplete,
	'cp.useWarranty': m.cp_useWarranty,
	'cp.excluded': m.cp_excluded,
	'cp.damageDateUnknown': m.cp_damageDateUnknown,
	'cp.damageBeforeEnrolment': m.cp_damageBeforeEnrolment,
	'cp.checklistClear': m.cp_checklistClear,
	'cp.alreadyParticipant': m.cp_alreadyParticipant,
	'cp.residenceUnasked': m.cp_residenceUnasked,
	'cp.resident': m.cp_resident,
	'cp.notResident': m.cp_notResident,
	'cp.termsAccepted': m.cp_termsAccepted,
	'cp.termsNotAccepted': m.cp_termsNotAccepted,
	'cp.activeCareNotNewUser': m.cp_activeCareNotNewUser,
	'cp.activeCareNotTogether': m.cp_activeCareNotTogether,
	'cp.activeCare': m.cp_activeCare,
	'cp.activeCareOffer': m.cp_activeCareOffer,
	'cp.leaveAll': m.cp_leaveAll,
	'cp.noActiveCareConsent': m.cp_noActiveCareConsent,
	'cp.activeCareWithdrawn': m.cp_activeCareWithdrawn,
	'cp.discountNotParticipant': m.cp_discountNotParticipant,
	'cp.discountRunning': m.cp_discountRunning,
	'cp.discountOver': m.cp_discountOver,
	'cp.discountStoresOnly': m.cp_discountStoresOnly,
	'cp.discountExcluded': m.cp_discountExcluded,
	'cp.discountNotCombined': m.cp_discountNotCombined,
	'ext.notOffered': m.ext_notOffered,
	'ext.posNotSelling': m.ext_posNotSelling,
	'ext.offered': m.ext_offered,
	'ext.lengthMissing': m.ext_lengthMissing,
	'ext.wholeDevice': m.ext_wholeDevice,
	'ext.needsWholeDevice': m.ext_needsWholeDevice,
	'ext.modelNotEligible': m.ext_modelNotEligible,
	'ext.boughtElsewhere': m.ext_boughtElsewhere,
	'ext.warrantyOver': m.ext_warrantyOver,
	'ext.exclusionsTold': m.ext_exclusionsTold,
	'ext.carePlusExtended': m.ext_carePlusExtended,
	'ext.noCarePlus': m.ext_noCarePlus,
	'ext.exclusionUnanswered': m.ext_exclusionUnanswered,
	'ext.excluded': m.ext_excluded,
	'ext.exclusionClear': m.ext_exclusionClear,
	'cln.toolsAvailable': m.cln_toolsAvailable,
	'cln.noTools': m.cln_noTools,
	'cln.quotaLeft': m.cln_quotaLeft,
	'cln.quotaUsed': m.cln_quotaUsed,
	'cln.stickAvailable': m.cln_stickAvailable,
	'cln.noSticksInStock': m.cln_noSticksInStock,
	'rnt.notOffered': m.rnt_notOffered,
	'rnt.posNoRental': m.rnt_posNoRental,
	'rnt.offered': m.rnt_offered,
	'rnt.hasDevice': m.rnt_hasDevice,
	'rnt.rentedBefore': m.rnt_rentedBefore,
	'rnt.firstRental': m.rnt_firstRental,
	'rnt.staffUndecided': m.rnt_staffUndecided,
	'rnt.staffApproves': m.rnt_staffApproves,
	'rnt.staffDeclines': m.rnt_staffDeclines,
	'rnt.contractIncomplete': m.rnt_contractIncomplete,
	'rnt.contractCurrency': m.rnt_contractCurrency,
	'rnt.returnTermsUnsigned': m.rnt_returnTermsUnsigned,
	'rnt.contract': m.rnt_contract,
	'rnt.healthAdvice': m.rnt_healthAdvice,
	'rnt.alreadyReturned': m.rnt_alreadyReturned,
	'rnt.earlyNoRefund': m.rnt_earlyNoRefund,
	'rnt.lateBlacklistProposed': m.rnt_lateBlacklistProposed,
	'rnt.returnedOnTime': m.rnt_returnedOnTime,
	'rsv.notOffered': m.rsv_notOffered,
	'rsv.posNoReservations': m.rsv_posNoReservations,
	'rsv.otherPos': m.rsv_otherPos,
	'rsv.residenceUnasked': m.rsv_residenceUnasked,
	'rsv.notResident': m.rsv_notResident,
	'rsv.held': m.rsv_held,
	'rsv.expired': m.rsv_expired,
	'rsv.alreadyPickedUp': m.rsv_alreadyPickedUp,
	'rsv.cancelled': m.rsv_cancelled,
	'rsv.notTheirs': m.rsv_notTheirs,
	'rsv.dataUnchecked': m.rsv_dataUnchecked,
	'rsv.dataMatch': m.rsv_dataMatch,
	'rsv.dataMismatch': m.rsv_dataMismatch,
	'rsv.alreadyPurchased': m.rsv_alreadyPurchased,
	'rsv.alreadyCancelled': m.rsv_alreadyCancelled,
	'rsv.expiredAlready': m.rsv_expiredAlready,
	'rsv.cancel': m.rsv_cancel,
	'buy.notOffered': m.buy_notOffered,
	'buy.videosUnasked': m.buy_videosUnasked,
	'buy.videosWatched': m.buy_videosWatched,
	'buy.videosNotWatched': m.buy_videosNotWatched,
	'buy.inPeriod': m.buy_inPeriod,
	'buy.periodOver': m.buy_periodOver,
	'acc.customerMustAsk': m.acc_customerMustAsk,
	'acc.emailViaCustomerCare': m.acc_emailViaCustomerCare,
	'acc.staffMayHelp': m.acc_staffMayHelp,
	'acc.clubEnds': m.acc_clubEnds,
	'acc.marketingOff': m.acc_marketingOff,
	'acc.deleteOwnAct': m.acc_deleteOwnAct,
	'acc.deleteConfirm': m.acc_deleteConfirm,
	'acc.deleteIrreversible': m.acc_deleteIrreversible
} satisfies Record<MessageKey, Listed>;

/** The service types the histories and the day summary name (`service.${type}`). */
const services = {
	'service.cleaning': m.service_cleaning,
	'service.registration': m.service_registration,
	'service.transfer': m.service_transfer,
	'service.warranty_swap': m.service_warranty_swap,
	'service.careplus_swap': m.service_careplus_swap,
	'service.careplus_enrol': m.service_careplus_enrol,
	'service.careplus_leave': m.service_careplus_leave,
	'service.extended_warranty': m.service_extended_warranty,
	'service.rental_start': m.service_rental_start,
	'service.rental_return': m.service_rental_return,
	'service.reservation_pickup': m.service_reservation_pickup,
	'service.reservation_cancel': m.service_reservation_cancel,
	'service.buy_back': m.service_buy_back,
	'service.stock_receive': m.service_stock_receive,
	'service.blacklist': m.service_blacklist
} satisfies Record<`service.${ServiceType}`, Listed>;

/**
 * Keys the domain returns besides MESSAGE_KEYS (`replacementProblem`, `receiveProblem`, a
 * registration's warning);
 * messages.spec.ts finds every such literal in lib/domain and fails on one missing here.
 */
const others = {
	'swap.replacementIsFaulty': m.swap_replacementIsFaulty,
	'swap.replacementUnknown': m.swap_replacementUnknown,
	'swap.replacementNotOk': m.swap_replacementNotOk,
	'swap.replacementNotHere': m.swap_replacementNotHere,
	'stock.ownedByCustomer': m.stock_ownedByCustomer,
	'stock.faultyUnit': m.stock_faultyUnit,
	'reg.unitNotOnFile': m.reg_unitNotOnFile
} satisfies Record<string, Listed>;

const messages = { ...domain, ...services, ...others } as Record<string, unknown> as Readonly<
	Record<string, MessageFn | undefined>
>;

/** Whether `t(key)` has words for `key` (in the base language; the i18n spec checks the others). */
export function hasMessage(key: string): boolean {
	return Object.hasOwn(messages, key);
}

export function t(key: string, params: MessageParams = {}): string {
	const message = hasMessage(key) ? messages[key] : undefined;
	if (!message) return key;
	// a parameter the caller did not pass shows as {name}, never as "undefined"
	const inputs = new Proxy(params, {
		get: (target, name) =>
			typeof name === 'string' && target[name] === undefined ? `{${name}}` : target[name as never]
	});
	return message(inputs);
}

export function explain(reason: Reason): string {
	return t(reason.key, reason.params);
}

export const severityLabel: Readonly<Record<Severity, string>> = {
	get ok() {
		return m.severity_ok();
	},
	get warn() {
		return m.severity_warn();
	},
	get override() {
		return m.severity_override();
	},
	get block() {
		return m.severity_block();
	}
};

export const severityIcon: Record<Severity, string> = {
	ok: '✓',
	warn: '!',
	override: '⚑',
	block: '✕'
};
