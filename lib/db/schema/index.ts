export * from './auth';
export * from './programme';
