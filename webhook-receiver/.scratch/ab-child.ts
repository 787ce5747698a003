import { join } from 'node:path';
import { startReceiver } from '../src/receiver';
import { loadReceiverConfig } from '../src/config/load';
import { SqliteDeliveryStore as OldStore } from './old-store';
const config = loadReceiverConfig();
const store = process.env.AB_OLD === '1' ? new OldStore({ file: join(config.dataDir, 'receiver.sqlite'), groupCommit: config.groupCommit }) : undefined;
void startReceiver(config, store ? { store } : {});
