/** Node-only helpers (undici); excluded from the n8n package. */
export * from './api-client';
export * from './client-config';
export * from './download';
export * from './multipart';
export * from './undici-transport';
export * from './upload';
