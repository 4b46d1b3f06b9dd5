// Vitest: the app loads noble's AES when a key is first opened (src/lib/db/crypto/cipher.ts);
// tests open keys synchronously, so the cipher is handed over before any test runs
import * as aes from '@noble/ciphers/aes.js';
import { useCipher } from '../src/lib/db/crypto/cipher';

useCipher(aes);
