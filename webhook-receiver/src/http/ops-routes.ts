import { Router as ExpressRouter } from 'express';

import { PROMETHEUS_CONTENT_TYPE, type MetricsRegistry } from '../metrics/registry';

export interface OpsDeps {
	registry: MetricsRegistry;
	/** Why the receiver is not ready (shutdown began, or the store cannot write), or undefined when it is. */
	notReadyReason: () => string | undefined;
}

/** Liveness, readiness and Prometheus metrics; unauthenticated, so they expose no payloads or ids. */
export function opsRoutes(deps: OpsDeps): ExpressRouter {
	const router = ExpressRouter();
	router.get('/healthz', (_request, response) => {
		response.json({ status: 'ok' });
	});
	router.get('/readyz', (_request, response) => {
		const reason = deps.notReadyReason();
		if (reason === undefined) response.json({ status: 'ready' });
		else response.status(503).json({ status: reason });
	});
	router.get('/metrics', async (_request, response) => {
		response.type(PROMETHEUS_CONTENT_TYPE).send(await deps.registry.render());
	});
	return router;
}
