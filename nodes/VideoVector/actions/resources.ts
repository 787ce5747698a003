import { indexResource } from './index/Index.resource';
import type { ResourceDefinition } from './resource';

/** Every resource of the node, in the order of the Resource dropdown. Adding one is one line here. */
export const RESOURCES: readonly ResourceDefinition[] = [indexResource];
