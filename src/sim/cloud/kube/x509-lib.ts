import { webcrypto } from 'node:crypto';
import type * as X509 from '@peculiar/x509';

export type X509Lib = typeof X509;

let loaded: Promise<X509Lib> | undefined;

/**
 * Loads @peculiar/x509 on first use, after the Reflect metadata polyfill its DI container
 * (tsyringe) requires, with Node's WebCrypto as its provider.
 */
export function loadX509(): Promise<X509Lib> {
  loaded ??= (async () => {
    await import('reflect-metadata');
    const lib = await import('@peculiar/x509');
    lib.cryptoProvider.set(webcrypto as never);
    return lib;
  })();
  return loaded;
}
