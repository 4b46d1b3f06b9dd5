import type { MessageParams, Reason, Severity } from '$lib/domain';

/**
 * Plain English for every message key the domain and the sync produce. (Six languages come
 * with the i18n issue; until then this is the one catalogue.)
 */
const en: Record<string, string> = {
	'age.adult': 'Adult — {age} years old (legal age {legalAge}).',
	'age.minor': 'Under {legalAge}: {age} years old, adult from {adultOn}. No service for minors.',
	'age.unknownBirthDate': 'Date of birth "{dateOfBirth}" is not a valid date: check the account.',
	'age.birthInFuture': 'Date of birth {dateOfBirth} is in the future: check the account.',
	'reg.unitNotOnFile':
		'Serial {serial} is not on file here: the registration is recorded and the server checks it (a unit registered to someone else is flagged, not taken).',
	'service.cleaning': 'Professional cleaning',
	'service.registration': 'Device registration',
	'service.transfer': 'Ownership transfer',
	'service.warranty_swap': 'Warranty swap',
	'service.careplus_swap': 'Care Plus accidental-damage swap',
	'service.careplus_enrol': 'Care Plus enrolment',
	'service.careplus_leave': 'Care Plus leaving',
	'service.extended_warranty': 'Extended warranty sale',
	'service.rental_start': 'Rental started',
	'service.rental_return': 'Rental returned',
	'service.reservation_pickup': 'Reservation picked up',
	'service.reservation_cancel': 'Reservation cancelled',
	'service.buy_back': '14-day buy-back',
	'service.stock_receive': 'Stock received',
	'reg.serialFree': 'Serial {serial} is not registered to anyone.',
	'reg.alreadyYours': 'Serial {serial} is already registered to this customer.',
	'reg.ownedByOther': 'Serial {serial} is registered to another customer.',
	'reg.customerNotRegistered': 'The customer has no registered account.',
	'reg.deviceNotTheirs': 'Device {serial} is not registered to this customer.',
	'reg.deviceRegistered': 'Device {serial} is registered to this customer.',
	'cln.toolsAvailable': 'This point of sale has the cleaning tools.',
	'cln.noTools': 'This point of sale has no cleaning tools.',
	'cln.quotaLeft': '{used} of {limit} cleanings used this month.',
	'cln.quotaUsed': '{used} of {limit} cleanings used this month; next from {nextFrom}.',
	'customer.blacklisted':
		'The customer is on the blacklist: a supervisor may allow the service with a reason.',
	'serial.empty': 'Enter or scan a serial number.',
	'serial.looksLikeGtin':
		'This is a product barcode (GTIN/EAN) from the box, not a serial. Scan the serial code.',
	'serial.malformed': 'This is not a valid serial number: check it and try again.',
	'age2.idNotChecked': 'Check an identity document in person (AGE-2).',
	'age2.idDetailsMissing': 'Record the document type and the last 2–4 characters of its number.',
	'age2.copyNotAccepted': 'A copy or photo of the ID is not accepted: the original is needed.',
	'age2.idExpired': 'The identity document is not valid (expired).',
	'age2.idChecked': 'ID checked in person: {type} ending {last}.',
	'age3.unanswered':
		'Confirm the customer questions (tobacco/nicotine user; for reservations and rentals the other point) before going on.',
	'age3.declined':
		'The customer does not meet the conditions for this service: the seller refuses.',
	'age3.confirmed': 'Customer questions confirmed.',
	'reg.customerRegistered': 'The customer has a registered account.',
	'reg.serialValid': 'Serial {serial} is readable and valid.',
	'reg.serialMismatch': 'The serial read ({serial}) is not the unit on file ({expected}).',
	'reg.personalUseUnasked': 'Ask whether the customer uses this device personally.',
	'reg.notPersonalUse': 'Only devices the customer uses personally can be registered to them.',
	'reg.personalUse': 'Personal device — {count} registered to this customer with this one.',
	'reg.codeSourceNeeded': 'Take the code from the box or the proof of purchase.',
	'reg.codeFromUnit':
		'Code read from the unit: compare it with the box or the proof of purchase if the customer has them.',
	'reg.codeFrom': 'Code taken from the {source}.',
	'reg.boughtInMarket': 'Bought in {country}.',
	'reg.boughtElsewhere':
		'Bought in {country}, not in {market}: Care Plus and the extended warranty are not available for it.',
	'reg.transferUnregistered':
		'Serial {serial} is not registered to anyone: register it instead of transferring.',
	'reg.transferNotOwner': 'Serial {serial} is not registered to the person handing it over.',
	'reg.transferNoConsent':
		'The current owner of {serial} has not agreed: a supervisor may approve the transfer with a reason.',
	'reg.transferOk': 'Serial {serial} can be transferred to the new owner.',
	'reg.serialUnchecked': 'Check that the serial on the unit is not altered, erased or removed.',
	'reg.serialIntact': 'The serial on the unit is intact.',
	'reg.serialAltered': 'The serial was altered, erased or removed: no replacement.',
	'war.posMaySwap': 'This point of sale may swap this model.',
	'war.posNoSwap': 'This point of sale does not do swaps.',
	'war.reducedAssortment': 'A reduced-assortment point of sale may not swap.',
	'war.tobacconistNoSwap': 'Tobacconists do not swap devices in this market.',
	'war.typeNotSold': 'This shop does not sell {model}, so it may not swap it.',
	'war.inWarranty': '{serial} is under warranty until {until}.',
	'war.inExtendedWarranty': '{serial} is under the extended warranty until {until}.',
	'war.expired': 'The warranty of {serial} ended on {until}.',
	'war.purchaseDateUnknown': 'No purchase date for {serial}: ask for the proof of purchase.',
	'war.checklistIncomplete': 'Answer every exclusion point first: {missing}.',
	'war.excluded': 'Not covered: {causes}.',
	'war.checklistClear': 'No exclusion applies.',
	'war.nothingFaulty': 'Select the faulty unit(s).',
	'war.mixedDevices': 'Swap the units of one device at a time, each part once.',
	'war.partMismatch': 'These parts do not belong to this model: {parts}.',
	'war.coversWholeDevice': 'The whole device is replaced ({serials}).',
	'war.coversComponent': 'Only the faulty {parts} is replaced ({serials}).',
	'war.noReplacementModel': 'No replacement model is set for {model}: ask a supervisor.',
	'war.replacementModels': 'Allowed replacement models: {models} (colour may differ).',
	'war.noReplacementInStock':
		'None of {models} is in stock: a supervisor may approve a model of at least equivalent function.',
	'war.replacementModelNotAllowed':
		'Replacement {serial} is a {model}, not an allowed model: a supervisor may approve it.',
	'war.replacementOwned': 'Replacement unit {serial} is already registered to someone.',
	'war.replacementPartsMismatch': 'The replacement units must be the parts replaced: {parts}.',
	'war.ownershipMoves':
		'The new unit is registered to the customer; the faulty unit becomes the property of the party doing the swap.',
	'war.claimIncomplete': 'Complete the claim: {missing}.',
	'war.claimComplete': 'Claim recorded: symptoms, signals and steps tried.',
	'swap.replacementIsFaulty': 'This is the faulty unit itself: scan a unit from the stock.',
	'swap.replacementUnknown':
		'This serial is not in the stock of this point of sale: receive it first.',
	'swap.replacementNotOk': 'This unit is not in working order (taken in or returned).',
	'swap.replacementNotHere': 'This unit is not held at this point of sale.',
	'swap.serviceTaken': 'This service id is already used by another service.',
	'stock.ownedByCustomer':
		'This serial is registered to a customer: it cannot be received as stock.',
	'stock.faultyUnit': 'This is a faulty unit taken in: it cannot be received as stock.',
	'stock.notTakenIn': 'This unit is not a faulty unit held at this point of sale.',
	'war.intlAtHome': 'The customer is in their home market ({country}): use the normal swap.',
	'war.intlCountryNotListed':
		'International support is not offered in {country} for this customer.',
	'war.intlCountryListed': 'International support is offered in {country}.',
	'war.intlRegistered': 'Device {serial} is registered to the customer.',
	'war.intlCarePlus': 'Device {serial} is covered by Care Plus.',
	'war.intlNotEligible':
		'Device {serial} is neither registered to the customer nor covered by Care Plus.',
	'war.intlPhones': 'International support: {phone}; if the operator cannot connect, {fallback}.',
	'cp.notOffered': 'Care Plus is not offered in {market}.',
	'cp.participant': 'Care Plus participant since {since}.',
	'cp.left': 'The customer left Care Plus on {on}: no Care Plus service.',
	'cp.notParticipant': 'The customer does not take part in Care Plus.',
	'cp.modelEligible': '{model} may take part in Care Plus.',
	'cp.modelNotEligible': '{model} is not an eligible Care Plus model.',
	'cp.boughtElsewhere':
		'{serial} was bought in {country}: Care Plus covers devices bought in this market only.',
	'cp.covered': 'Accidental-damage cover of {serial} runs until {until}.',
	'cp.coverEnded': 'Accidental-damage cover of {serial} ended on {until}.',
	'cp.replacementLeft': '{serial}: {used} of {limit} accidental-damage replacements used.',
	'cp.replacementUsed':
		'{serial}: the accidental-damage replacement is used up ({used} of {limit}).',
	'cp.checklistIncomplete': 'Answer every exclusion point first: {missing}.',
	'cp.useWarranty': 'A manufacturing defect goes the warranty way, not Care Plus.',
	'cp.excluded': 'Not covered by Care Plus: {causes}.',
	'cp.damageDateUnknown': 'Ask when the damage happened.',
	'cp.damageBeforeEnrolment': 'The damage ({damagedOn}) happened before joining Care Plus.',
	'cp.checklistClear': 'No Care Plus exclusion applies.',
	'cp.alreadyParticipant':
		'The customer already takes part; this device is covered under the accepted terms.',
	'cp.residenceUnasked': 'Ask whether the customer lives in the country.',
	'cp.resident': 'Lives in {market}.',
	'cp.notResident': 'Care Plus is for residents of {market} only.',
	'cp.termsAccepted': 'The customer accepted the Care Plus terms.',
	'cp.termsNotAccepted': 'The customer must read and accept the Care Plus terms.',
	'cp.activeCareNotNewUser': "Active care is only for a new user's first device.",
	'cp.activeCareNotTogether':
		'Active care needs purchase, registration and acceptance together today.',
	'cp.activeCare': 'Active care for {days} days: up to {calls} calls and {texts} text messages.',
	'cp.activeCareOffer':
		"A new user's first device: offer active care in the first 10 days (explicit consent).",
	'cp.leaveAll':
		'The customer leaves Care Plus now: no Care Plus service for any of their devices.',
	'cp.noActiveCareConsent': 'There is no active-care consent to withdraw.',
	'cp.activeCareWithdrawn': 'Active-care consent withdrawn; the rest of Care Plus stays.',
	'cp.discountNotParticipant': 'The accessory discount is for Care Plus participants.',
	'cp.discountRunning': '{percent}% accessory discount until {until}.',
	'cp.discountOver': 'The programme year ended on {until}: no accessory discount.',
	'cp.discountStoresOnly': 'The Care Plus discount is given in IQOS stores only.',
	'cp.discountExcluded': 'No Care Plus discount on {sku} ({category}).',
	'cp.discountNotCombined':
		'{sku} already has another discount: the Care Plus discount does not add to it.',
	'ext.notOffered': 'The extended warranty is not sold in {market}.',
	'ext.posNotSelling': 'This point of sale does not sell the extended warranty.',
	'ext.offered': 'The extended warranty is sold here.',
	'ext.lengthMissing': 'Enter the length of the extension in months.',
	'ext.wholeDevice': 'For the whole device.',
	'ext.needsWholeDevice':
		'Sold for a one-piece device or for holder and charger together (given: {parts}).',
	'ext.modelNotEligible': 'The extended warranty is not sold for {model}.',
	'ext.boughtElsewhere':
		'{serial} was bought in {country}: no extended warranty for devices bought outside the market.',
	'ext.warrantyOver': 'The warranty of {serial} ended on {until}: nothing left to extend.',
	'ext.exclusionsTold':
		'Tell the customer: lost, stolen or forcibly damaged units are not covered.',
	'ext.carePlusExtended':
		'Care Plus on {serial} runs with the extension, but only one accidental-damage replacement in total ({used} of {limit} used).',
	'ext.noCarePlus': 'No active Care Plus on this device.',
	'ext.exclusionUnanswered': 'Ask whether the unit was lost, stolen or forcibly damaged.',
	'ext.excluded': 'The extended warranty does not cover lost, stolen or forcibly damaged units.',
	'ext.exclusionClear': 'Not lost, stolen or forcibly damaged.',
	'cln.stickAvailable': 'A demonstration cleaning stick can be handed over ({inStock} in stock).',
	'cln.noSticksInStock': 'No cleaning sticks in stock at this point of sale.',
	'rnt.notOffered': 'Rental is not offered in {market}.',
	'rnt.posNoRental': 'This point of sale does not offer rentals.',
	'rnt.offered': 'Rentals are offered here.',
	'rnt.hasDevice':
		'The customer has {count} registered device(s): rental is for customers without one — a supervisor may make an exception.',
	'rnt.rentedBefore': 'The customer rented before ({count}): a second rental needs a supervisor.',
	'rnt.firstRental': 'First rental for this customer.',
	'rnt.staffUndecided': 'Decide whether to rent to this customer.',
	'rnt.staffApproves': 'Staff agree to the rental.',
	'rnt.staffDeclines': 'Staff decided not to rent (no reason needed).',
	'rnt.contractIncomplete': 'Fill in the contract: model, price, length and return terms.',
	'rnt.contractCurrency': 'The contract price must be in {currency}.',
	'rnt.returnTermsUnsigned': 'The customer must sign the return terms.',
	'rnt.contract': 'Contract: {model} for {days} days.',
	'rnt.healthAdvice':
		'Tell the customer: people with diabetes or heart problems are advised not to rent.',
	'rnt.alreadyReturned': 'This rental was returned on {on}.',
	'rnt.earlyNoRefund': 'Returned early ({daysLeft} days left): nothing is refunded.',
	'rnt.lateBlacklistProposed':
		'Returned {hoursLate} hours late: the customer is proposed for the blacklist (a supervisor decides).',
	'rnt.returnedOnTime': 'Returned on time.',
	'rnt.blacklistNotLate':
		'This rental was not late: there is no blacklist proposal to confirm (RNT-7).',
	'rsv.notOffered': 'Reservations are not offered in {market}.',
	'rsv.posNoReservations': 'This point of sale does not take reservations.',
	'rsv.otherPos': 'The reservation is for another point of sale ({posId}).',
	'rsv.residenceUnasked': 'Ask whether the customer lives in the country.',
	'rsv.notResident': 'Reservations are for people living in {market}.',
	'rsv.held': 'Held until {until}.',
	'rsv.expired': 'The 48-hour hold ended at {until}: the reservation was cancelled.',
	'rsv.alreadyPickedUp': 'This reservation was already picked up.',
	'rsv.cancelled': 'This reservation was cancelled.',
	'rsv.notTheirs': 'This reservation belongs to another customer.',
	'rsv.dataUnchecked': 'Check that the personal data match the reservation.',
	'rsv.dataMatch': 'Personal data match the reservation.',
	'rsv.dataMismatch': 'The personal data do not match the reservation.',
	'rsv.alreadyPurchased': 'Already purchased: a reservation can be cancelled only before purchase.',
	'rsv.alreadyCancelled': 'The reservation is already cancelled.',
	'rsv.expiredAlready': 'The hold had already ended: the reservation was cancelled automatically.',
	'rsv.cancel': 'The reservation can be cancelled ({channel}).',
	'buy.notOffered': 'Buy-back is not offered in {market}.',
	'buy.videosUnasked': 'Ask whether the customer watched the product videos.',
	'buy.videosWatched': 'The customer watched the product videos.',
	'buy.videosNotWatched': 'Buy-back needs the product videos watched.',
	'buy.inPeriod': '{serial}: within the {days}-day buy-back (last day {lastDay}).',
	'buy.periodOver': '{serial}: the {days}-day buy-back ended on {lastDay}.',
	'acc.customerMustAsk':
		"Contact details change only at the customer's request, with the customer present.",
	'acc.emailViaCustomerCare': 'The account email is changed through customer care ({phone}).',
	'acc.staffMayHelp': 'Staff may help the customer update their {field}.',
	'acc.clubEnds': 'Leaving marketing communication ends the IQOS CLUB membership.',
	'acc.marketingOff': 'Marketing communication switched off.',
	'acc.deleteOwnAct': 'Only the customer can delete their account.',
	'acc.deleteConfirm': 'The customer must confirm that deleting the account cannot be undone.',
	'acc.deleteIrreversible': 'The account will be deleted and cannot be restored.'
};

export function t(key: string, params: MessageParams = {}): string {
	const template = en[key];
	if (template === undefined) return key;
	return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function explain(reason: Reason): string {
	return t(reason.key, reason.params);
}

export const severityLabel: Record<Severity, string> = {
	ok: 'OK',
	warn: 'Note',
	override: 'Needs supervisor',
	block: 'Not allowed'
};

export const severityIcon: Record<Severity, string> = {
	ok: '✓',
	warn: '!',
	override: '⚑',
	block: '✕'
};
