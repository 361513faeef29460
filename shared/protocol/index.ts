/** The Secure Messaging protocol: schemas and routes shared by the reference server and the client. */
export * from './common';
export * from './auth';
export * from './cases';
export * from './uploads';
export * from './changes';
export * from './routes';
export * from './openapi';
