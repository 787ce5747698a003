import type { ApiRequest, ApiResponse, Transport } from '../../../shared/http/types';

export type Step = ApiResponse | Error;

export function response(
	status: number,
	body?: unknown,
	headers: Record<string, string> = {},
): ApiResponse {
	return { status, headers, body };
}

/** A Transport that plays back `steps` in order and records what it was asked. */
export function scriptedTransport(steps: Step[]): Transport & { requests: ApiRequest[] } {
	const queue = [...steps];
	const requests: ApiRequest[] = [];
	const transport = async (request: ApiRequest): Promise<ApiResponse> => {
		requests.push(request);
		const step = queue.shift();
		if (step === undefined) throw new Error('scripted transport: no more steps');
		if (step instanceof Error) throw step;
		return step;
	};
	return Object.assign(transport, { requests });
}

/** A Sleep that returns at once and records each requested wait. */
export function recordingSleep(): ((ms: number) => Promise<void>) & { waits: number[] } {
	const waits: number[] = [];
	const sleep = async (ms: number): Promise<void> => {
		waits.push(ms);
	};
	return Object.assign(sleep, { waits });
}
