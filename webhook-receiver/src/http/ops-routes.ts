import { Router as ExpressRouter } from 'express';

import { PROMETHEUS_CONTENT_TYPE, type MetricsRegistry } from '../metrics/registry';
import { optionalBearer } from './bearer-auth';

export interface OpsDeps {
	registry: MetricsRegistry;
	/** Why the receiver is not ready (shutdown began, or the store cannot write), or undefined when it is. */
	notReadyReason: () => string | undefined;
	metricsToken: string | undefined;
}

/** Liveness and readiness: for load balancers, on the public listener. */
export function healthRoutes(deps: Pick<OpsDeps, 'notReadyReason'>): ExpressRouter {
	const router = ExpressRouter();
	router.get('/healthz', (_request, response) => {
		response.json({ status: 'ok' });
	});
	router.get('/readyz', (_request, response) => {
		const reason = deps.notReadyReason();
		if (reason === undefined) response.json({ status: 'ready' });
		else response.status(503).json({ status: reason });
	});
	return router;
}

/** Prometheus metrics (no payloads or ids), behind the metrics token when one is configured. */
export function metricsRoutes(deps: Pick<OpsDeps, 'registry' | 'metricsToken'>): ExpressRouter {
	const router = ExpressRouter();
	router.get('/metrics', optionalBearer(deps.metricsToken), async (_request, response) => {
		response.type(PROMETHEUS_CONTENT_TYPE).send(await deps.registry.render());
	});
	return router;
}
