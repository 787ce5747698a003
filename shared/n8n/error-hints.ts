/**
 * What a user can do about an API error, per HTTP status: the way out that n8n's bare
 * "Bad request" or "Forbidden" does not give. `parameter` is the node parameter the API blamed,
 * when it named one.
 */
export interface HintFacts {
	status: number;
	parameter?: string;
	retryAfterSeconds?: number;
}

export function hintForStatus({ status, parameter, retryAfterSeconds }: HintFacts): string {
	const change = parameter ? `"${parameter}"` : 'the parameters';
	switch (status) {
		case 401:
			return 'The API key or bearer token of the VideoVector API credential is invalid, revoked or expired. Open the credential, paste a current key and press Test.';
		case 403:
			return 'The credential is accepted but may not do this: deletions need an API key with the admin scope, API Key operations need a Bearer Token credential, and a key sees only its own account. Use a credential with the needed scope.';
		case 404:
			return parameter
				? `Nothing with this ${parameter} exists in this account (deleted, or from another account). Pick ${change} From List to choose one that exists.`
				: 'Nothing with this ID exists in this account (deleted, or from another account). Pick the item From List to choose one that exists.';
		case 409:
			return `The request conflicts with the current state (e.g. work still running, a name already taken, or an Idempotency Key reused for a different request). Wait for the other work to finish, or change ${change}.`;
		case 422:
			return `The API refused a value. Change ${change} and run the node again.`;
		case 429:
			return `Too many requests or a quota reached; the node already retried with back-off.${retryAfterSeconds !== undefined ? ` Wait ${retryAfterSeconds} s,` : ' Wait a moment,'} or slow the workflow down (e.g. Loop Over Items with a Wait node).`;
		default:
			return status >= 500
				? 'The VideoVector service failed; the node already retried. Try again later, and quote the request ID to support if it persists.'
				: `Check ${change} and run the node again.`;
	}
}
