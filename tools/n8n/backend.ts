import { startEmulator } from '../../emulator/app';
import type { VideoVectorCredentialData } from './credential';
import { isPortTaken } from './free-port';

/** The VideoVector API the demo credential points at. */
export interface Backend {
	kind: 'emulator' | 'external';
	baseUrl: string;
	credential: VideoVectorCredentialData;
	close(): Promise<void>;
}

/**
 * A real API when both `VIDEO_VECTOR_BASE_URL` and `VIDEO_VECTOR_API_KEY` are set, else the
 * emulator in this process (on `preferredPort` when free, so the credential URL stays stable
 * across runs; on any free port otherwise).
 */
export async function startBackend(
	env: NodeJS.ProcessEnv,
	preferredPort: number,
): Promise<Backend> {
	const baseUrl = env.VIDEO_VECTOR_BASE_URL?.trim();
	const apiKey = env.VIDEO_VECTOR_API_KEY?.trim();
	if (baseUrl && apiKey) {
		return {
			kind: 'external',
			baseUrl,
			credential: { authentication: 'apiKey', apiKey, baseUrl },
			close: async () => undefined,
		};
	}
	const port = (await isPortTaken(preferredPort)) ? 0 : preferredPort;
	const emulator = await startEmulator({ port, strict: false });
	return {
		kind: 'emulator',
		baseUrl: emulator.baseUrl,
		credential: { authentication: 'apiKey', apiKey: emulator.apiKey, baseUrl: emulator.baseUrl },
		close: () => emulator.close(),
	};
}
