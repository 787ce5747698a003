import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret between our standalone webhook-receiver and the VideoVector Trigger in
 * "Via Webhook Receiver" mode: the receiver re-signs each forwarded event per Standard Webhooks
 * (`webhook-signature: v1,<base64>`), and the trigger verifies with this secret. Nothing is sent to
 * VideoVector, so there is no request to authenticate; the trigger node tests the secret's format.
 */
export class N8nNodesVideoVectorReceiverApi implements ICredentialType {
	name = 'n8nNodesVideoVectorReceiverApi';

	displayName = 'VideoVector Webhook Receiver API';

	icon: Icon = {
		light: 'file:../icons/videovector.svg',
		dark: 'file:../icons/videovector.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-videovector/n8n-nodes-videovector#videovector-webhook-receiver-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. whsec_…',
			description:
				'The secret of this n8n target in the receiver configuration ("whsec_" followed by base64)',
		},
		{
			displayName: 'Previous Signing Secret',
			name: 'previousSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'While rotating: the old secret, still accepted until you clear this field',
		},
	];
}
