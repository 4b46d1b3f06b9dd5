export { cipherLoaded, KEY_BYTES, loadCipher, useCipher } from './cipher';
export {
	Keyring,
	LockedError,
	SEALED,
	SEALED_FIELDS,
	sealingMiddleware,
	sealRows
} from './sealing';
export type { SealState } from './sealing';
export {
	b64,
	dataKeyEstablished,
	newDataKey,
	openWithDeviceKey,
	sealEverything,
	unb64,
	unwrapDataKey,
	wrapDataKey
} from './keys';
export type { WrappedKey } from './keys';
export { customerTerms, fold, nameTerm, phoneDigits, phoneTerm, SEEK } from './seek';
