/** The parts of n8n's workflow and execution JSON that tests read and write. */

export interface CredentialRef {
	id: string;
	name: string;
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, CredentialRef>;
	webhookId?: string;
	[extra: string]: unknown;
}

export interface WorkflowJson {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface Workflow extends WorkflowJson {
	id: string;
	active: boolean;
	versionId?: string;
}

export interface NodeItem {
	json: Record<string, unknown>;
	binary?: Record<string, unknown>;
}

export interface NodeRun {
	data?: { main: Array<NodeItem[] | null> };
	error?: { message: string; description?: string; httpCode?: string; [extra: string]: unknown };
	executionStatus?: string;
}

export type ExecutionStatus =
	'new' | 'running' | 'waiting' | 'success' | 'error' | 'crashed' | 'canceled' | 'unknown';

export interface Execution {
	id: string;
	workflowId: string;
	status: ExecutionStatus;
	mode: string;
	finished: boolean;
	startedAt: string;
	stoppedAt: string | null;
	data?: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: { message: string; [extra: string]: unknown };
			lastNodeExecuted?: string;
		};
	};
}
