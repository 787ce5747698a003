import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isTerminalExportStatus } from '../../../../shared/contract/schemas/statuses';
import type { ApiSession } from '../../../../shared/n8n/api-session';
import { parseIdList } from '../../../../shared/n8n/id-list';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import {
	pollStatusUntilTerminal,
	readWaitSettings,
	waitForCompletionProperties,
} from '../common/wait';
import { idMultiSelect } from '../common/id-multi-select';

export const exportWaitProperties = waitForCompletionProperties('export');

const connectorOption: INodeProperties = {
	displayName: 'Destination Connector ID',
	name: 'destinationConnectorId',
	type: 'string',
	default: '',
	placeholder: 'e.g. conn_abc123',
	description:
		'Write the export into this connector (with the export scope) instead of keeping it for download',
};

const subpathOption: INodeProperties = {
	displayName: 'Destination Subpath',
	name: 'destinationSubpath',
	type: 'string',
	default: '',
	placeholder: 'e.g. exports/2026-04',
	description: "Folder below the connector's export base path to write to",
};

const resultScopeOption: INodeProperties = {
	displayName: 'Result Scope',
	name: 'resultScope',
	type: 'options',
	options: [
		{ name: 'All Results', value: 'all', description: 'Every extracted result' },
		{
			name: 'Matches Only',
			value: 'matches',
			description: "Only results selected by the prompt's selection filter",
		},
	],
	default: 'all',
	description: 'Which results the export contains',
};

const promptRunIdsOption: INodeProperties = idMultiSelect({
	name: 'promptRunIds',
	noun: 'Prompt Run',
	method: 'getPromptRunChoices',
	description:
		"Export only the results of these prompt runs (listed: the Index's runs); empty exports all runs of the index",
	followsIndex: true,
});

/** The Options collection of an export create; index exports may also narrow to prompt runs. */
export function exportOptions(forIndex: boolean): INodeProperties {
	const runScope = forIndex ? [promptRunIdsOption] : [];
	return optionsWithIdempotencyKey([
		connectorOption,
		subpathOption,
		...runScope,
		resultScopeOption,
	]);
}

/** The create body with empty values left out; `{}` when nothing is set (docs/api/conventions.md#request-conventions: an explicit empty body). */
export function readExportBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const runIds = parseIdList(options.promptRunIds);
	if (runIds.length > 0) body.prompt_run_ids = runIds;
	const connectorId = String(options.destinationConnectorId ?? '').trim();
	if (connectorId) body.destination_connector_id = connectorId;
	const subpath = String(options.destinationSubpath ?? '').trim();
	if (subpath) body.destination_subpath = subpath;
	if (options.resultScope === 'all' || options.resultScope === 'matches')
		body.result_scope = options.resultScope;
	return body;
}

/**
 * The create answer (`{export_id, status}`), or — with Wait for Completion — the export once it is
 * completed or failed. A failed export is returned, not thrown, so the flow can read `error_message`.
 */
export async function exportResult(
	session: ApiSession<IExecuteFunctions>,
	created: IDataObject,
): Promise<IDataObject> {
	const { context, itemIndex } = session;
	const settings = readWaitSettings(context, itemIndex);
	if (!settings.enabled) return created;
	const exportId = String(created.export_id ?? '');
	return await pollStatusUntilTerminal(session, settings, {
		endpoint: 'exports.get',
		request: { params: { export_id: exportId } },
		isTerminalStatus: isTerminalExportStatus,
		describe: `export ${exportId}`,
	});
}
