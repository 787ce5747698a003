type Verify = (secret: string, payload: string, signature: string) => Promise<boolean>;

let loaded: Promise<Verify> | undefined;
let ready: Verify | undefined;

/**
 * `@octokit/webhooks-methods` `verify`: exactly the contract's `sha256=<hex>` HMAC-SHA256 scheme
 * (README, "What VideoVector sends"). The package is ESM-only without a `require` export, so this CommonJS build loads it
 * with a dynamic import, once.
 */
export function loadOctokitVerify(): Promise<Verify> {
	loaded ??= import('@octokit/webhooks-methods').then((methods) => {
		ready = methods.verify;
		return methods.verify;
	});
	return loaded;
}

/** The loaded function, or undefined before the first `loadOctokitVerify()` has settled. */
export function octokitVerifyIfLoaded(): Verify | undefined {
	return ready;
}
