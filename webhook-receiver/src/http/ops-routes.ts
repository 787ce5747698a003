import { Router as ExpressRouter } from 'express';

import { PROMETHEUS_CONTENT_TYPE, type MetricsRegistry } from '../metrics/registry';

export interface OpsDeps {
	registry: MetricsRegistry;
	/** False once shutdown began: load balancers should stop sending. */
	isReady: () => boolean;
}

/** Liveness, readiness and Prometheus metrics; unauthenticated, so they expose no payloads or ids. */
export function opsRoutes(deps: OpsDeps): ExpressRouter {
	const router = ExpressRouter();
	router.get('/healthz', (_request, response) => {
		response.json({ status: 'ok' });
	});
	router.get('/readyz', (_request, response) => {
		if (deps.isReady()) response.json({ status: 'ready' });
		else response.status(503).json({ status: 'shutting_down' });
	});
	router.get('/metrics', async (_request, response) => {
		response.type(PROMETHEUS_CONTENT_TYPE).send(await deps.registry.render());
	});
	return router;
}
