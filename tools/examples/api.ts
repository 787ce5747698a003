/** The VideoVector API the examples talk to: the emulator in tests, the emulator or a real API under `npm start`. */
export interface ApiTarget {
	/** Ends in `/api/v2`. */
	baseUrl: string;
	apiKey: string;
}

/** One JSON call with the API key; anything but a 2xx is an error naming the call and status (never the key). */
export async function callApi<T>(
	target: ApiTarget,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	const headers: Record<string, string> = {
		accept: 'application/json',
		'x-api-key': target.apiKey,
	};
	if (body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(`${target.baseUrl}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(20_000),
	});
	const text = await response.text();
	if (!response.ok)
		throw new Error(`${method} ${path} -> ${response.status}: ${text.slice(0, 300)}`);
	return (text ? JSON.parse(text) : undefined) as T;
}
